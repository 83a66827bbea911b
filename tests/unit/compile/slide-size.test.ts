import { describe, expect, it } from 'vitest';
import { MAX_PIXELS, MAX_SIDE, sizeProblem } from '../../../src/compile/slide-size.ts';
import { compileText } from '../helpers.ts';

const deck = (width: number, height: number) => ({ meta: { width, height }, files: ['talk.md'] });

describe('the slide size limit, in one place', () => {
  it('lets an export open 8K, and nothing with more pixels', () => {
    expect(sizeProblem(deck(7680, 4320))).toBeUndefined();
    expect(sizeProblem(deck(7680, 4321))?.code).toBe('size-too-large');
    expect(sizeProblem(deck(7680, 4321))?.message).toBe('the slide size 7680x4321 is too large to export (at most 7680 px a side and 33.1776 megapixels)');
    expect(MAX_PIXELS).toBe(MAX_SIDE * 4320);
  });

  it('is the bound front matter `size` checks each side against', () => {
    expect(compileText('---\nsize: 7680x320\n---\n# A\n').issues).toEqual([]);
    expect(compileText('---\nsize: 7681x1080\n---\n# A\n').issues[0]?.message).toMatch(/each side must be 320 to 7680 pixels/);
  });
});
