import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/compile/deck.ts';
import { SlideCache } from '../../../src/compile/slide-cache.ts';
import { compileText, errorsOf, memoryHost, warningsOf } from '../helpers.ts';

describe('fenced divs: unknown classes and unclosed fences', () => {
  it('warns about an unknown class at its line, naming the closest known one', () => {
    const deck = compileText('# T\n\n::: colums\ntext\n:::\n\n::: {.callot #x width="40%"}\nb\n:::\n');
    expect(errorsOf(deck)).toEqual([]);
    expect(warningsOf(deck)).toMatchObject([
      {
        file: 'deck/talk.md',
        line: 3,
        code: 'unknown-class',
        message: 'the class `colums` is not styled by the theme',
        hint: expect.stringContaining('did you mean `columns`?'),
      },
      { line: 7, code: 'unknown-class', message: 'the class `callot` is not styled by the theme', hint: expect.stringContaining('did you mean `callout`?') },
    ]);
    // The div is still rendered: a warning never changes the slide.
    expect(deck.html).toContain('<div class="colums">');
  });

  it("knows the theme's and reveal's classes, the front matter's `classes:` and the deck stylesheet's classes", () => {
    const md =
      '---\ntheme: brand.css\nclasses: [wide]\n---\n# T\n\n:::: columns\n::: {.column .fragment .fade-up}\na\n:::\n::::\n\n::: wide\nb\n:::\n\n::: {.brand-box}\nc\n:::\n';
    const deck = compileDeck([{ file: 'deck/talk.md', text: md }], memoryHost({ 'deck/brand.css': '/* .not-this */ .reveal .brand-box { color: red; }' }));
    expect(deck.issues).toEqual([]);
  });

  it('reports an unclosed div as an error at the line that opened it, and ignores ::: in code', () => {
    const deck = compileText('# T\n\n```md\n::: inside code\n```\n\n:::: columns\n::: column\nleft\n:::\n');
    expect(errorsOf(deck)).toMatchObject([{ file: 'deck/talk.md', line: 7, code: 'unclosed-div', message: 'this `:::` div is never closed' }]);
  });

  it('reports the warnings of a cached slide again, at its current line', () => {
    const cache = new SlideCache();
    const host = memoryHost({});
    const compile = (text: string) => compileDeck([{ file: 'd/t.md', text }], host, cache);
    expect(warningsOf(compile('# A\n---\n::: colums\nx\n:::\n')).map((w) => w.line)).toEqual([3]);
    expect(warningsOf(compile('# A\n\nmore\n---\n::: colums\nx\n:::\n')).map((w) => w.line)).toEqual([5]);
  });
});
