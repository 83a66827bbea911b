import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/compile/deck.ts';
import { memoryHost } from '../helpers.ts';
import { runs } from '../../budget.ts';

// Pieces that exercise every stage: separators, fences, notes, comments, citations, charts, HTML.
const PIECES = [
  '---',
  '----',
  '```',
  '```js [1-2|3]',
  '~~~',
  '```chart',
  'kind: line',
  'kind: bogus',
  'data: d.csv',
  'x: a',
  'y: [b]',
  'title: T',
  'Note:',
  'Notes: x',
  '<!-- .slide: class="a" data-x -->',
  '<!-- .element: class="fragment" -->',
  '<!-- sources -->',
  '[@a]',
  '[@nope]',
  '[@a; @b]',
  '![i](x.png)',
  '![i](missing.png)',
  '+ item',
  '- item',
  '# Title',
  '## Sub',
  '<div>',
  '</div>',
  '<script>alert(1)</script>',
  '&amp;',
  '<',
  '>',
  '"',
  "'",
  '| a | b |',
  '|---|---|',
  'text',
  'é ü 中文 🙂',
  '\t',
  ' ',
  '',
  'reveal: x',
  'title: [',
  ':',
  '\u0000',
  '\uFEFF',
];
const line = fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 }));
const markdown = fc.array(line, { maxLength: 60 }).chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));
const host = memoryHost({
  'deck/sources.yaml': 'a:\n  title: A\n  publisher: P\n  date: 2025-01-01\nb:\n  title: B\n  publisher: Q\n  date: n.d.\n',
  'deck/d.csv': 'a,b\n1,2\n2,3\n',
  'deck/x.png': '',
});

describe('compileDeck on random Markdown', () => {
  it('never throws: every problem is a located issue', () => {
    fc.assert(
      fc.property(fc.array(markdown, { minLength: 1, maxLength: 3 }), (texts) => {
        const deck = compileDeck(
          texts.map((text, i) => ({ file: `deck/${i}.md`, text })),
          host,
        );
        for (const issue of deck.issues) {
          expect(typeof issue.file).toBe('string');
          expect(issue.file.length).toBeGreaterThan(0);
          expect(Number.isInteger(issue.line) && issue.line >= 0).toBe(true);
          expect(issue.message.length).toBeGreaterThan(0);
          expect(issue.message).not.toMatch(/\n\s+at /);
        }
        if (!deck.issues.some((i) => i.severity === 'error')) expect(deck.slides.length).toBeGreaterThan(0);
      }),
      { numRuns: runs(400) },
    );
  });

  it('never lets a script tag from a chart label or a source through unescaped', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (junk) => {
        const evil = `<script>alert(${JSON.stringify(junk)})</script>`;
        const deck = compileDeck(
          [
            {
              file: 'deck/t.md',
              text: `# T [@a]\n\n\`\`\`chart\nkind: column\ntitle: ${JSON.stringify(evil)}\ndata:\n  - { k: ${JSON.stringify(evil)}, v: 1 }\nx: k\ny: v\n\`\`\`\n---\n<!-- sources -->`,
            },
          ],
          memoryHost({
            'deck/sources.yaml': `a:\n  title: ${JSON.stringify(evil)}\n  publisher: ${JSON.stringify(evil)}\n  date: 2025-01-01\n  note: ${JSON.stringify(evil)}\n`,
          }),
        );
        expect(deck.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(deck.html).not.toContain('<script>alert(');
      }),
      { numRuns: runs(60) },
    );
  });

  it('compiles the same input to byte-identical HTML', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const a = compileDeck([{ file: 'deck/t.md', text }], host);
        const b = compileDeck([{ file: 'deck/t.md', text }], host);
        expect(b.html).toBe(a.html);
      }),
      { numRuns: runs(100) },
    );
  });
});
