import fc from 'fast-check';
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { lheadingGuard } from '../../../src/compile/setext-guard.ts';
import { runs } from '../../budget.ts';

const plain = new Marked({ gfm: true });
const guarded = new Marked({ gfm: true, tokenizer: { lheading: lheadingGuard } });

// Lines that make or break setext headings: underlines (indented, with trailing blanks, too deep), blank and
// space-only lines, and every block that interrupts a paragraph.
const LINES = [
  'Title text',
  'more *text* here',
  '===',
  '---',
  '   ---  ',
  '    ---',
  '=',
  '-',
  '= =',
  '--- x',
  '',
  '   ',
  '\t',
  '- item',
  '1. item',
  '> quote',
  '```',
  '# heading',
  '| a | b |',
  '|---|---|',
  '<div>',
  '***',
  '    code',
];

describe('the setext-heading guard', () => {
  it('renders every Markdown exactly as marked does without it', () => {
    const samples = [
      'Title\n===\n\nPara',
      'Title\n---',
      'A\nB\n  ===  \nC',
      'A\n\n===',
      'A\n \n---',
      '- a\n---',
      '> a\n===',
      'a\n    ===',
      'Text\n= =\n',
      'x\r\n===',
    ];
    for (const md of samples) expect(guarded.parse(md), md).toBe(plain.parse(md));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 12 }), (lines) => {
        const md = lines.join('\n');
        expect(guarded.parse(md)).toBe(plain.parse(md));
      }),
      { numRuns: runs(400) },
    );
  });

  it("skips marked's rule when no underline can follow, and runs it when one may", () => {
    expect(lheadingGuard('A paragraph\nof two lines\n\n- a list\n')).toBeUndefined();
    expect(lheadingGuard('A paragraph\n\nTitle\n===\n')).toBeUndefined();
    expect(lheadingGuard('Title\n===\n')).toBe(false);
    expect(lheadingGuard('Title\n  ---')).toBe(false);
  });
});
