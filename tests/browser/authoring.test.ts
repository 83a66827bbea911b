import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchBrowser, openDeck, type Browser, type Page } from './helpers.ts';

let browser: Browser;
let site: Awaited<ReturnType<typeof buildAndServe>>;
let page: Page;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), buildAndServe('tests/fixtures/decks/authoring/deck.md')]);
  page = (await openDeck(browser, site.url)).page;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Shows the slide whose heading is `title`, at fragment step `f` (-1: before the first fragment). */
async function show(title: string, f = -1): Promise<void> {
  await page.evaluate(
    ([t, step]) => {
      const slide = [...document.querySelectorAll<HTMLElement>('.reveal .slides section')].find((s) => s.querySelector(':scope > h2')?.textContent === t);
      if (!slide) throw new Error(`no slide titled ${t}`);
      const { h, v } = window.Reveal.getIndices(slide);
      window.Reveal.slide(h, v ?? 0, step as number);
    },
    [title, f] as const,
  );
}

/** The boxes of every code element in the current slide's code block, in slide pixels, rounded. */
const codeBoxes = () =>
  page.evaluate(() => {
    const pre = document.querySelector('section.present pre')!;
    return [...pre.querySelectorAll(':scope > code')].map((c) => {
      const r = c.getBoundingClientRect();
      const firstRow = c.querySelector('tr, span') ?? c;
      return {
        display: getComputedStyle(c).display,
        pieces: c.getClientRects().length,
        box: [r.top, r.left, r.width, r.height].map(Math.round),
        firstText: Math.round(firstRow.getBoundingClientRect().top),
        visible: getComputedStyle(c).visibility === 'visible' && Number(getComputedStyle(c).opacity) > 0,
      };
    });
  });

describe('code blocks in Chromium', () => {
  it('draw one block box per code block, whatever the window size', async () => {
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
      { width: 800, height: 600 },
    ]) {
      await page.setViewportSize(size);
      await show('Plain code');
      const [code] = await codeBoxes();
      expect(code).toMatchObject({ display: 'block', pieces: 1, visible: true });
      // The box holds every line: four lines of 28 px text at line-height 1.45 plus 2 × 24 px padding, scaled.
      const scale = await page.evaluate(() => window.Reveal.getScale());
      expect(code!.box[3]! / scale).toBeGreaterThan(4 * 28 * 1.45 + 48 - 2);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('keeps stepped code in one place: every step covers the first block exactly, from step 0', async () => {
    const seen: ReturnType<typeof codeBoxes> extends Promise<infer T> ? T[] : never = [];
    for (const f of [-1, 0]) {
      await show('Stepped code', f);
      await expect.poll(async () => (await codeBoxes()).filter((c) => c.visible).length).toBe(f + 2);
      seen.push(await codeBoxes());
    }
    const [before, after] = seen;
    expect(before![0]).toMatchObject({ display: 'block', pieces: 1, visible: true });
    // Same box and same first-line position at every step, for every step's block.
    for (const c of [...before!, ...after!]) {
      expect(c.box).toEqual(before![0]!.box);
      expect(c.firstText).toBe(before![0]!.firstText);
    }
  });

  it('shows line numbers on request, with no line dimmed when none is chosen', async () => {
    await show('Numbered code');
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('section.present pre tr')].map((tr) => [tr.querySelector('.hljs-ln-numbers')?.textContent, getComputedStyle(tr).opacity]),
    );
    expect(rows).toEqual([
      ['1', '1'],
      ['2', '1'],
    ]);
  });
});

describe('math in Chromium', () => {
  it('typesets inline and display math with KaTeX fonts, keeps prices and \\$ as text', async () => {
    await show('Math');
    const math = await page.evaluate(async () => {
      await document.fonts.ready;
      const slide = document.querySelector('section.present')!;
      const inline = slide.querySelector('.math-inline .katex-html')!;
      const display = slide.querySelector('.math-display .katex-display')!;
      return {
        inlineFont: getComputedStyle(inline.querySelector('.mord.mathnormal')!).fontFamily,
        displayBlock: getComputedStyle(display).display,
        mathml: slide.querySelectorAll('math annotation[encoding="application/x-tex"]').length,
        fontLoaded: document.fonts.check('20px KaTeX_Math'),
        text: slide.querySelector('p:last-of-type')!.textContent,
        inlineInLine: Math.abs(inline.getBoundingClientRect().top - slide.querySelector('p')!.getBoundingClientRect().top) < 40,
      };
    });
    expect(math).toEqual({
      inlineFont: 'KaTeX_Math',
      displayBlock: 'block',
      mathml: 2,
      fontLoaded: true,
      text: 'Revenue was $5.6M, not $6M, and a literal $ stays a dollar.',
      inlineInLine: true,
    });
  });

  it('ships KaTeX fonts as woff2 only, and no KaTeX or Mermaid code in the JS', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync(`${site.dir}/assets`);
    expect(files.filter((f) => f.startsWith('KaTeX_')).every((f) => f.endsWith('.woff2'))).toBe(true);
    expect(files.filter((f) => f.startsWith('KaTeX_')).length).toBe(20);
    const js = files
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(`${site.dir}/assets/${f}`, 'utf8'))
      .join('\n');
    expect(/katex|renderToString|ParseError/i.test(js), 'KaTeX in the bundle').toBe(false);
    expect(/mermaid|flowchart|sequenceDiagram/i.test(js), 'Mermaid in the bundle').toBe(false);
  });
});

describe('fenced divs in Chromium', () => {
  it('lays columns side by side with the widths asked for', async () => {
    await show('Columns');
    const cols = await page.evaluate(() =>
      [...document.querySelectorAll('section.present .columns > .column')].map((c) => {
        const r = c.getBoundingClientRect();
        return { left: r.left, width: r.width, top: r.top };
      }),
    );
    const row = await page.evaluate(() => document.querySelector('section.present .columns')!.getBoundingClientRect().width);
    expect(cols).toHaveLength(2);
    expect(cols[0]!.top).toBeCloseTo(cols[1]!.top, 0);
    expect(cols[1]!.left).toBeGreaterThan(cols[0]!.left + cols[0]!.width);
    expect(cols[0]!.width / row).toBeCloseTo(0.4, 1);
  });
});

describe('diagrams and citations in Chromium', () => {
  it('draws the Mermaid flowchart as inline SVG with its title, in the theme palette, at a readable size', async () => {
    await show('Diagram');
    const svg = await page.evaluate(() => {
      const el = document.querySelector<SVGSVGElement>('section.present figure.diagram svg')!;
      const r = el.getBoundingClientRect();
      const scale = window.Reveal.getScale();
      const texts = [...el.querySelectorAll('text')].map((t) => t.getBoundingClientRect().height / scale);
      return {
        title: el.querySelector('title')?.textContent,
        labelledBy: el.getAttribute('aria-labelledby'),
        width: r.width / scale,
        minText: Math.min(...texts),
        nodeText: getComputedStyle(el.querySelector('text')!).fill,
      };
    });
    expect(svg.title).toBe('How a chip reaches a data centre');
    expect(svg.labelledBy).toMatch(/-title .*-desc$/);
    expect(svg.width).toBeGreaterThan(1000);
    expect(svg.minText).toBeGreaterThan(18);
    expect(svg.nodeText).toBe('rgb(243, 245, 248)'); // --paper through --diagram-fg
  });

  it("shows citation markers and the locators on the slide's source line", async () => {
    await show('Citations');
    const text = await page.evaluate(() => ({
      body: document.querySelector('section.present p')!.textContent,
      footer: document.querySelector('section.present .slide-sources')!.textContent,
    }));
    expect(text.body).toBe('Revenue doubled\u00a0[1]. Others disagree\u00a0[1, 2].');
    expect(text.footer).toBe('Sources: [1] Example Corp, 21 Feb 2024, p. 4 · [2] see Journal of Examples, May 2023, ch. 2');
  });
});
