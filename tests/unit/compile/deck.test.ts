import { describe, expect, it } from 'vitest';
import { compileInput } from '../../../src/node/compile.ts';
import { compileDeck } from '../../../src/compile/deck.ts';
import { compileText, errorsOf, expectGolden, memoryHost, warningsOf } from '../helpers.ts';

const SOURCES = 'a:\n  title: A report\n  publisher: Reuters\n  date: 2025-02-25\nb:\n  title: B story\n  publisher: Financial Times\n  date: 2025-08-14\n';

describe('compileDeck', () => {
  it('matches the golden HTML for a deck using every authoring feature', () => {
    const deck = compileInput('tests/fixtures/decks/basic/talk.md', (p) => `assets/${p.split('/').pop()}`);
    expect(deck.issues).toEqual([]);
    expectGolden(deck.html, 'tests/fixtures/decks/basic/expected.html');
  });

  it('reads the sources file for a whole deck that cites nothing (its sources are all uncited), not for a partial one', () => {
    const reads: string[] = [];
    const host = memoryHost({ 'deck/sources.yaml': SOURCES });
    const counting = { ...host, readText: (p: string) => (reads.push(p), host.readText(p)) };
    const whole = compileDeck([{ file: 'deck/talk.md', text: '# One\n---\n## Two' }], counting);
    expect(warningsOf(whole).map((w) => w.code)).toEqual(['uncited-source', 'uncited-source']);
    expect(reads).toContain('deck/sources.yaml');
    reads.length = 0;
    const partial = compileDeck([{ file: 'deck/talk.md', text: '# One\n---\n## Two' }], counting, undefined, { partial: true });
    expect(partial.issues).toEqual([]);
    expect(reads).not.toContain('deck/sources.yaml');
    expect(partial.html).toBe(whole.html);
    // A partial deck that cites reads them, and numbers its citations as the whole deck does.
    const citing = compileDeck([{ file: 'deck/talk.md', text: '# One [@b]\n---\n## Two [@a]' }], counting, undefined, { partial: true });
    expect(citing.issues).toEqual([]);
    expect(citing.html).toContain('[1] Financial Times');
    expect(citing.html).toContain('[2] Reuters');
  });

  it('nests vertical slides and records indices, titles and lines', () => {
    const deck = compileText('# One\n---\n## Two\n----\n## Two b\nNote: hi');
    expect(deck.slides.map((s) => [s.h, s.v, s.title, s.line])).toEqual([
      [0, 0, 'One', 1],
      [1, 0, 'Two', 3],
      [1, 1, 'Two b', 5],
    ]);
    expect(deck.html).toMatch(/^<section[^>]*>\n<h1>One<\/h1>\n<\/section>\n<section>\n<section /);
    expect(deck.slides[2]!.notes).toBe('hi');
  });

  it('leaves hidden slides out as reveal does (a stack emptied by it too), and marks uncounted ones', () => {
    const hide = '<!-- .slide: data-visibility="hidden" -->';
    const text = `# One\n---\n${hide}\n## Gone\n---\n## Two\n----\n${hide}\n## Two gone\n---\n${hide}\n## Alone\n----\n${hide}\n## Also\n---\n<!-- .slide: data-visibility="uncounted" -->\n## End`;
    const deck = compileText(text);
    expect(deck.slides.map((s) => [s.h, s.v, s.title, s.uncounted ?? false])).toEqual([
      [0, 0, 'One', false],
      [1, 0, 'Two', false],
      [2, 0, 'End', true],
    ]);
    expect(deck.html).not.toMatch(/Gone|gone|Alone|Also/);
    // With showHiddenSlides reveal keeps them: so does the deck.
    const shown = compileText(`---\nreveal:\n  showHiddenSlides: true\n---\n${text}`);
    expect(shown.slides.map((s) => s.title)).toEqual(['One', 'Gone', 'Two', 'Two gone', 'Alone', 'Also', 'End']);
  });

  it('renders notes as Markdown into aside.notes', () => {
    const deck = compileText('# T\nNote: say **this**');
    expect(deck.html).toContain('<aside class="notes"><p>say <strong>this</strong></p>\n</aside>');
  });

  it('makes + lists incremental and leaves - lists alone', () => {
    const html = compileText('+ a\n+ b\n\n- c').html;
    expect(html.match(/<li class="fragment">/g)).toHaveLength(2);
    expect(html).toContain('<li>c</li>');
  });

  it('numbers citations in order of first use and puts a source line at the foot of the slide', () => {
    const deck = compileText('# One [@b]\n---\n# Two [@a] and [@b; @a]\n---\n<!-- sources -->', { 'sources.yaml': SOURCES });
    expect(errorsOf(deck)).toEqual([]);
    expect(deck.sources.map((s) => s.key)).toEqual(['b', 'a']);
    expect(deck.html).toContain('One&#160;<span class="cite">[1]</span>');
    expect(deck.html).toContain('<span class="cite">[1, 2]</span>');
    expect(deck.html).toContain(
      '<footer class="slide-sources">Sources: <span>[1] Financial Times, 14 Aug 2025</span> · <span>[2] Reuters, 25 Feb 2025</span></footer>',
    );
    expect(deck.html).toMatch(
      /<ol class="sources-list">\n<li id="source-b"><span class="source-publisher">Financial Times<\/span>, B story, 14 Aug 2025\.<\/li>\n<li id="source-a">/,
    );
  });

  it("numbers a chart's sources like the slide's own, in the appendix's order", () => {
    const csv = 'x,y\nA,1\nB,2\n';
    const chart = '```chart\nkind: bar\ntitle: T\ndata: d.csv\nx: x\ny: y\nsource: [a, b]\n```';
    const deck = compileText(`# One [@b]\n---\n## Two\n\n${chart}\n---\n<!-- sources -->`, { 'sources.yaml': SOURCES, 'd.csv': csv });
    expect(errorsOf(deck)).toEqual([]);
    expect(deck.sources.map((s) => s.key)).toEqual(['b', 'a']);
    expect(deck.html).toContain('<p class="chart-source">Sources: [2] Reuters, 25 Feb 2025 · [1] Financial Times, 14 Aug 2025</p>');
  });

  it('reports an unknown citation with file, line and the closest key', () => {
    const deck = compileText('# One\n\nText [@aa]', { 'sources.yaml': SOURCES });
    expect(errorsOf(deck)).toEqual([expect.objectContaining({ file: 'deck/talk.md', line: 3, message: 'unknown source `aa`', hint: 'did you mean `a`?' })]);
  });

  it('warns about a source that is never cited, at its line in sources.yaml', () => {
    const deck = compileText('# One [@a]', { 'sources.yaml': SOURCES });
    expect(warningsOf(deck)).toEqual([expect.objectContaining({ file: 'deck/sources.yaml', line: 5, message: 'source `b` is never cited' })]);
  });

  it('reports a bad sources.yaml entry at its line', () => {
    const deck = compileText('# One [@a]', { 'sources.yaml': 'a:\n  title: x\n  publisher: y\n  date: soon\n' });
    expect(errorsOf(deck)[0]).toMatchObject({ file: 'deck/sources.yaml', line: 4, message: 'source `a`: date `soon` is not YYYY-MM-DD' });
  });

  it('resolves images relative to the Markdown file and reports a missing one with its line', () => {
    expect(compileText('![x](img/a.png)', { 'img/a.png': '' }).html).toContain('<img src="assets/a.png" alt="x">');
    const deck = compileText('# T\n\n![x](img/missing.png)');
    expect(errorsOf(deck)[0]).toMatchObject({
      file: 'deck/talk.md',
      line: 3,
      message: 'image or media file `img/missing.png` not found (looked for deck/img/missing.png)',
    });
  });

  it('leaves absolute and data URLs alone and resolves background images in .slide: comments', () => {
    const deck = compileText('<!-- .slide: data-background-image="bg.jpg" -->\n![a](https://x.org/a.png) ![b](data:image/png;base64,AA==)', { 'bg.jpg': '' });
    expect(deck.html).toContain('data-background-image="assets/bg.jpg"');
    expect(deck.html).toContain('src="https://x.org/a.png"');
  });

  it('keeps compiling other slides after an error, and reports each', () => {
    const deck = compileText('# A [@nope]\n---\n# B\n---\n![x](gone.png)');
    expect(errorsOf(deck).map((e) => e.line)).toEqual([1, 5]);
  });

  it('reads CRLF files with the same slides and lines as LF', () => {
    const lf = compileText('---\ntitle: T\n---\n# A\n---\n# B\nNote: n');
    const crlf = compileText('---\r\ntitle: T\r\n---\r\n# A\r\n---\r\n# B\r\nNote: n');
    expect(crlf.html).toBe(lf.html);
    expect(crlf.slides).toEqual(lf.slides);
  });

  it('says so when the deck has no slides', () => {
    expect(errorsOf(compileText('\n\n'))[0]).toMatchObject({ message: 'the deck has no slides' });
  });

  it('takes the title from the first slide when the front matter has none', () => {
    expect(compileText('# Big idea\n---\n## Next').meta.title).toBe('Big idea');
  });

  it('compiles a folder of files in file-name order', () => {
    const deck = compileInput('tests/fixtures/decks/multi', () => null);
    expect(deck.slides.map((s) => s.title)).toEqual(['First file', 'Second file', 'Tenth file']);
  });
});

describe('the sources slide', () => {
  it('spreads a long list evenly over as many slides as it needs, numbering on (no orphan page)', () => {
    const keys = Array.from({ length: 30 }, (_, i) => `s${i}`);
    const yaml = keys.map((k) => `${k}:\n  title: T ${k}\n  publisher: P\n  date: 2025-01-01\n`).join('');
    const deck = compileText(`# A ${keys.map((k) => `[@${k}]`).join(' ')}\n---\n## Sources\n\n<!-- sources -->`, { 'sources.yaml': yaml });
    expect(errorsOf(deck)).toEqual([]);
    expect(deck.slides.map((s) => [s.h, s.v, s.title])).toEqual([
      [0, 0, 'A'],
      [1, 0, 'Sources'],
      [2, 0, 'Sources'],
    ]);
    expect(deck.html).toContain('<p class="sources-page">1–15 of 30</p>');
    expect(deck.html).toContain('<p class="sources-page">16–30 of 30</p>');
    expect(deck.html).toContain('<ol class="sources-list" start="16">');
    expect(deck.html.match(/<li id="source-/g)).toHaveLength(30);
  });

  it('accepts n.d. for an undated source', () => {
    const deck = compileText('# A [@x]\n---\n<!-- sources -->', { 'sources.yaml': 'x:\n  title: T\n  publisher: Site\n  date: n.d.\n' });
    expect(errorsOf(deck)).toEqual([]);
    expect(deck.html).toContain('[1] Site, n.d.');
  });
});

describe('a broken sources.yaml', () => {
  it('is one located error, and citations of it add no more', () => {
    const chart = '```chart\nkind: column\ntitle: T\ndata:\n  - { k: a, v: 1 }\nx: k\ny: v\nsource: a\n```';
    const deck = compileText(`# A [@a]\n---\n# B [@b]\n${chart}\n---\n<!-- sources -->`, { 'sources.yaml': 'a:\n  title: [\n' });
    expect(errorsOf(deck)).toHaveLength(1);
    expect(errorsOf(deck)[0]).toMatchObject({ file: 'deck/sources.yaml', message: expect.stringMatching(/^not valid YAML/) });
  });
});

describe('theme', () => {
  it('adds a .css file beside the deck after the built-in theme', () => {
    const deck = compileText('---\ntitle: T\ntheme: brand.css\n---\n# A', { 'brand.css': '.reveal h1 { color: red }' });
    expect(deck.issues).toEqual([]);
    expect(deck.styles).toEqual(['assets/brand.css']);
  });

  it('reports a missing theme file at the theme line', () => {
    expect(errorsOf(compileText('---\ntitle: T\ntheme: gone.css\n---\n# A'))[0]).toMatchObject({
      file: 'deck/talk.md',
      line: 3,
      message: 'theme file `deck/gone.css` not found',
    });
  });

  it('warns that a reveal theme name such as black is not available, and keeps the built-in theme', () => {
    const deck = compileText('---\ntheme: black\n---\n# A');
    expect(warningsOf(deck)).toEqual([expect.objectContaining({ line: 2, message: 'theme `black` is not available; using the built-in theme' })]);
    expect(deck.meta.theme).toBe('chokepoint');
  });
});

describe('citation markers', () => {
  it('stay on the line of the word before them, and merge when written side by side', () => {
    const deck = compileText('# T\n\nA claim [@b] [@a]. Another [@a].', { 'sources.yaml': SOURCES });
    expect(deck.html).toContain('A claim&#160;<span class="cite">[1, 2]</span>. Another&#160;<span class="cite">[2]</span>.');
  });
});
