import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPptx } from '../../src/export/pptx/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { tempDir } from './helpers.ts';
import { openPptx, part } from './pptx-tools.ts';

const tmp = tempDir('chokepoint-pptx-colour-');
afterAll(() => tmp.remove());

describe('pptx: colours in any CSS syntax', () => {
  // Chromium reports a computed oklch() or color() as written; pptx once read only rgb() and dropped
  // these runs' colours (check's contrast rule already converted them).
  it('keeps an oklch() and a color(srgb) text colour, as sRGB hex', async () => {
    const deck = join(tmp.path, 'deck.md');
    writeFileSync(
      deck,
      [
        '---',
        'title: Colours',
        '---',
        '',
        '## Colours',
        '',
        'Plain, <span style="color: oklch(62.8% 0.2577 29.23)">red in oklch</span> and <span style="color: color(srgb 0 0.5 0)">green in color()</span>.',
        '',
      ].join('\n'),
    );
    const out = join(tmp.path, 'deck.pptx');
    const result = await exportPptx({ input: deck, out }, silentProgress);
    expect(result.ok, JSON.stringify(!result.ok && result.issues)).toBe(true);
    const xml = (await part(await openPptx(out), 'ppt/slides/slide1.xml'))!;
    const colourOf = (text: string) =>
      new RegExp(`<a:r><a:rPr [^>]*>(?:(?!</a:rPr>).)*?<a:srgbClr val="(\\w+)"(?:(?!</a:r>).)*<a:t>${text}</a:t>`, 's').exec(xml)?.[1];
    expect(colourOf('red in oklch')?.toLowerCase()).toBe('ff0000');
    expect(colourOf('green in color\\(\\)')?.toLowerCase()).toBe('008000');
  }, 120_000);
});
