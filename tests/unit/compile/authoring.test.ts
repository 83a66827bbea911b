import { describe, expect, it } from 'vitest';
import { compileText, errorsOf } from '../helpers.ts';

const body = (md: string) => compileText(md).html.replace(/^<section[^>]*>\n|<\/section>$/g, '');
const mathCount = (html: string) => (html.match(/class="math /g) ?? []).length;

describe('math', () => {
  it('renders $…$ inline and $$…$$ display math to KaTeX HTML plus MathML', () => {
    const html = body('Euler: $e^{i\\pi}+1=0$.\n\n$$\n\\frac{1}{3}\n$$\n');
    expect(html).toMatch(/<span class="math math-inline"><span class="katex"><span class="katex-mathml"><math/);
    expect(html).toMatch(/<div class="math math-display"><span class="katex-display">/);
    expect(html).toContain('<annotation encoding="application/x-tex">\\frac{1}{3}</annotation>');
  });

  it.each([
    ['$5.6M, not $6M', 0],
    ['costs $5 and $10', 0],
    ['$x$5', 0],
    ['$ x$', 0],
    ['$x $', 0],
    ['\\$x$', 0],
    ['$x$, $y$', 2],
    ['a $$x^2$$ b', 1],
  ])("follows Pandoc's rule: %s has %i formulas", (md, n) => {
    expect(mathCount(body(md))).toBe(n);
  });

  it('keeps \\$ as a literal dollar', () => {
    expect(body('a \\$ sign and \\$5')).toBe('<p>a $ sign and $5</p>\n');
  });

  it("reports bad TeX at its file and line with KaTeX's message", () => {
    const deck = compileText('## T\n\nfine\n\n$\\frac{1}{$ here\n');
    expect(errorsOf(deck)).toMatchObject([
      {
        file: 'deck/talk.md',
        line: 5,
        code: 'math-error',
        message: expect.stringMatching(
          /^TeX error in `\\frac\{1\}\{`: Unexpected end of input in a macro argument, expected '\}' at end of input: \\frac\{1\}\{$/,
        ),
      },
    ]);
  });

  it('is linear on long runs of dollars', () => {
    const start = performance.now();
    body(`${'$a '.repeat(8000)}\n\n${'$5 $$ '.repeat(8000)}\n\n${'$$ x\n\n'.repeat(2000)}\n\n${'::: x\n'.repeat(2000)}`);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

describe('fenced divs', () => {
  it('take at most 16 levels of nesting as divs, per parse: the next parse starts from the top again', () => {
    const deep = (n: number) =>
      [...Array.from({ length: n }, (_, i) => `${':'.repeat(3 + n - i)} d${i}`), 'core', ...Array.from({ length: n }, (_, i) => ':'.repeat(4 + i))].join('\n');
    const divs = (html: string) => (html.match(/<div class="d\d+">/g) ?? []).length;
    expect(divs(body(deep(20)))).toBe(16);
    expect(divs(body(deep(3)))).toBe(3);
    expect(divs(body(`${deep(16)}\n\n${deep(2)}`))).toBe(18);
  });

  it('nest, skip code fences, and take Pandoc attributes', () => {
    const html = body(
      [':::: columns', '::: {.column width="40%" #left data-x=1}', 'Left', '```', ':::', '```', ':::', '::: column', 'Right', ':::', '::::', 'after'].join(
        '\n',
      ),
    );
    expect(html).toBe(
      [
        '<div class="columns">',
        '<div id="left" class="column" style="flex: 0 1 40%;" data-x="1">',
        '<p>Left</p>',
        '<pre class="code-wrapper"><code class="hljs">:::</code></pre>',
        '</div>',
        '<div class="column">',
        '<p>Right</p>',
        '</div>',
        '</div>',
        '<p>after</p>',
        '',
      ].join('\n'),
    );
  });

  it('gives each built-in its class (an unclosed div is an error: divs.test.ts)', () => {
    for (const name of ['center', 'big-number', 'callout', 'quote']) expect(body(`::: ${name}\nx\n:::`)).toBe(`<div class="${name}">\n<p>x</p>\n</div>\n`);
  });

  it('drops event-handler attributes', () => {
    expect(body('::: {.x onclick="alert(1)"}\ny\n:::')).toBe('<div class="x">\n<p>y</p>\n</div>\n');
  });
});

describe('mermaid diagrams', () => {
  const flow = '```mermaid\nflowchart LR\n  accTitle: Supply chain\n  A[ASML] --> B{TSMC}\n  B --> C[Nvidia]\n```\n';

  it('become inline SVG with a title, a description, the theme palette and deck-unique ids', () => {
    const deck = compileText(`## One\n\n${flow}\n---\n\n## Two\n\n${flow}`);
    expect(errorsOf(deck)).toEqual([]);
    const svgs = deck.html.match(/<svg[\s\S]*?<\/svg>/g)!;
    expect(svgs).toHaveLength(2);
    expect(svgs[0]).toMatch(
      /role="img" aria-labelledby="s1-1-m0-title s1-1-m0-desc"><title id="s1-1-m0-title">Supply chain<\/title><desc id="s1-1-m0-desc">2 links: ASML to TSMC; TSMC to Nvidia\.<\/desc>/,
    );
    expect(svgs[0]).toContain('--bg:var(--diagram-bg)');
    expect(deck.html).not.toMatch(/@import|googleapis|https?:\/\/(?!www\.w3\.org)/);
    const ids = [...deck.html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['flowchart LR\n  A[ASML --> B', 5, /the label of `A` is not closed with `\]`/],
    ['flowchart LR\n  A --> B\n  B -->', 6, /the link has no node at its end/],
    ['sequenceDiagram\n  A->>B: hi\n  A->>: nobody', 6, /a message needs a sender, a receiver and text/],
    ['pie\n  "a" : 1', 4, /`pie` diagrams are not supported/],
    ['timeline\n  title T\n  : orphan event', 6, /an event line `: …` needs a period above it/],
  ])('reports a syntax error at its line: %s', (src, line, message) => {
    const deck = compileText(`## T\n\n\`\`\`mermaid\n${src}\n\`\`\`\n`);
    expect(errorsOf(deck)).toMatchObject([{ file: 'deck/talk.md', line, code: 'diagram-error', message: expect.stringMatching(message) }]);
  });

  it('draws a timeline: periods along a line, events below, title from the diagram', () => {
    const deck = compileText(
      '## T\n\n```mermaid\ntimeline\n  title Export controls\n  section Rules\n  2022 : October rule\n  2023 : Update : Second\n       : Third\n```\n',
    );
    expect(errorsOf(deck)).toEqual([]);
    expect(deck.html).toContain(
      '<title id="s1-1-m0-title">Export controls</title><desc id="s1-1-m0-desc">2022: October rule. 2023: Update; Second; Third.</desc>',
    );
    expect((deck.html.match(/<circle /g) ?? []).length).toBe(2);
    expect(deck.html).toContain('>Rules</text>');
  });

  it('renders an unchanged diagram once (cached by content)', () => {
    const src = '```mermaid\nflowchart TD\n  X[Cache probe one] --> Y[Cache probe two]\n```\n';
    const t0 = performance.now();
    const first = compileText(src).html;
    const t1 = performance.now();
    for (let i = 0; i < 20; i++) expect(compileText(src).html).toBe(first);
    expect((performance.now() - t1) / 20).toBeLessThan(Math.max(5, (t1 - t0) / 4));
  });
});

describe('citations with Pandoc locators and groups', () => {
  const SOURCES = 'a:\n  title: A report\n  publisher: Alpha\n  date: 2024-01-02\nb:\n  title: B report\n  publisher: Beta\n  date: 2023\n';
  const cite = (md: string) => compileText(`## T\n\n${md}\n`, { 'sources.yaml': SOURCES });

  it("numbers the marker and puts the locator and prefix on the slide's source line", () => {
    const deck = cite('One [@a, p. 4]. Two [see @b, ch. 2].');
    expect(deck.issues).toEqual([]);
    expect(deck.html).toContain('One&#160;<span class="cite">[1]</span>. Two&#160;<span class="cite">[2]</span>.');
    expect(deck.html).toContain(
      '<footer class="slide-sources">Sources: <span>[1] Alpha, 2 Jan 2024, p. 4</span> · <span>[2] see Beta, 2023, ch. 2</span></footer>',
    );
  });

  it('reads groups with ; (and the older ,) as one sorted marker', () => {
    expect(cite('X [@b; @a, pp. 3–5].').html).toContain('X&#160;<span class="cite">[1, 2]</span>.');
    expect(cite('X [@a, @b].').html).toContain('X&#160;<span class="cite">[1, 2]</span>.');
  });

  it('leaves links, emails and plain brackets alone', () => {
    const html = cite('[a link @x](https://example.com), [x@y.com], [plain] and [@a].').html;
    // GFM turns the bare address into a mail link; what matters is that no citation came of it.
    expect(html).toContain(
      '<a href="https://example.com">a link @x</a>, [<a href="mailto:x@y.com">x@y.com</a>], [plain] and&#160;<span class="cite">[1]</span>.',
    );
  });

  it('still reports an unknown key at its line', () => {
    expect(errorsOf(cite('Bad [@nope, p. 2].'))).toMatchObject([{ line: 3, message: expect.stringContaining('nope') }]);
  });
});

describe('front matter and sources files: errors instead of silence', () => {
  it('warns at line 1 when the front matter is never closed', () => {
    const deck = compileText('---\ntitle: Forgot the end\n\n# Slide\n');
    expect(deck.issues).toMatchObject([{ line: 1, severity: 'warning', code: 'front-matter-unclosed', message: expect.stringContaining('never closed') }]);
  });

  it('points an unknown key at the real feature', () => {
    expect(compileText('---\nmath: true\n---\n# A').issues).toMatchObject([
      { line: 2, code: 'unknown-key', hint: 'math needs no key: write $…$ inline or $$…$$ on lines of their own' },
    ]);
    expect(compileText('---\nmermaid: true\n---\n# A').issues[0]!.hint).toMatch(/```mermaid/);
  });

  it('accepts theme dark, light and the old name chokepoint without a warning', () => {
    for (const theme of ['dark', 'light', 'chokepoint']) expect(compileText(`---\ntheme: ${theme}\n---\n# A`).issues).toEqual([]);
  });

  const SRC = 'k:\n  title: T\n  publisher: P\n  date: 2024\n';
  it('reads sources.yml when there is no sources.yaml', () => {
    const deck = compileText('## A\n\nClaim [@k].', { 'sources.yml': SRC });
    expect(deck.issues).toEqual([]);
    expect(deck.files).toContain('deck/sources.yml');
  });

  it('refuses sources.yaml and sources.yml side by side', () => {
    const deck = compileText('## A\n\nClaim [@k].', { 'sources.yml': SRC, 'sources.yaml': SRC });
    expect(errorsOf(deck)).toMatchObject([{ file: 'deck/sources.yml', line: 1, code: 'sources-both' }]);
  });

  it('puts the footer and logo on every slide but the first, and reports a missing logo at its line', () => {
    const deck = compileText('---\nfooter: Team · 2026\nlogo: logo.png\n---\n# Title\n\n---\n\n## Two\n\n---\n\n<!-- .slide: class="no-chrome" -->\n## Three', {
      'logo.png': 'x',
    });
    const slides = deck.html.split('<section').slice(1);
    expect(
      slides.map((s) => s.includes('<div class="deck-footer">Team · 2026</div><img class="deck-logo" src="assets/logo.png" alt="" aria-hidden="true">')),
    ).toEqual([false, true, false]);
    expect(errorsOf(compileText('---\nlogo: gone.png\n---\n# A'))).toMatchObject([{ line: 2, message: 'logo file `deck/gone.png` not found' }]);
  });
});
