import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchBrowser, openDeck, type Browser } from './helpers.ts';

let browser: Browser;
let site: Awaited<ReturnType<typeof buildAndServe>>;
// The deck reads the shared chart data folder beside it, as `--allow-dir` allows.
beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), buildAndServe('tests/fixtures/decks/charts', ['tests/fixtures/charts/data'])]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('charts in Chromium', () => {
  it('renders one chart of each kind as inline SVG, inside its slide, with no errors', async () => {
    const { page, errors, foreign } = await openDeck(browser, `${site.url}?transition=none`);
    await page.evaluate(() => document.fonts.ready);
    const kinds: string[] = [];
    for (let h = 0; h < 6; h++) {
      await page.evaluate((i) => window.Reveal.slide(i, 0, 99), h);
      const report = await page.evaluate(() => {
        const slide = window.Reveal.getCurrentSlide()!;
        const svg = slide.querySelector('figure.chart svg[role="img"]')!;
        const box = slide.getBoundingClientRect();
        // Everything visible must lie inside the slide's box (the hidden data table is exempt).
        const outside = [...slide.querySelectorAll('*')]
          .filter((el) => !el.closest('.sr-only') && !el.closest('aside'))
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1));
        return {
          kind: slide.querySelector('figure.chart')!.className,
          title: svg.querySelector('title')?.textContent ?? '',
          outside: outside.length,
          canvas: document.querySelectorAll('canvas').length,
        };
      });
      kinds.push(report.kind);
      expect(report.title.length, report.kind).toBeGreaterThan(0);
      expect(report.outside, `${report.kind}: elements outside the slide`).toBe(0);
      expect(report.canvas).toBe(0);
    }
    expect(kinds).toEqual(['line', 'column', 'bar', 'stacked', 'scatter', 'timeline'].map((k) => `chart chart-${k}`));
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

/** Computed colours of the marks on slide `h`, read in the page: each selector's fill/stroke, and the theme's chart colours. */
async function paints(page: import('playwright-core').Page, h: number, picks: Record<string, [string, 'fill' | 'stroke']>) {
  await page.evaluate((i) => window.Reveal.slide(i, 0, 99), h);
  return page.evaluate((wanted) => {
    const slide = window.Reveal.getCurrentSlide()!;
    const svg = slide.querySelector('svg.chart-svg')!;
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    svg.appendChild(probe);
    const theme = (name: string) => {
      probe.style.fill = `var(${name})`;
      return getComputedStyle(probe).fill;
    };
    const out: Record<string, string[]> = {
      accent: [theme('--chart-accent')],
      context: [theme('--chart-context')],
      bg: [theme('--chart-bg')],
      muted: [theme('--chart-muted')],
    };
    probe.remove();
    for (const [key, [selector, prop]] of Object.entries(wanted)) out[key] = [...svg.querySelectorAll(selector)].map((e) => getComputedStyle(e)[prop]);
    return out;
  }, picks);
}

describe('charts that point at their claim (highlight, colors, rules, estimates, today, dumbbell)', () => {
  let dark: Awaited<ReturnType<typeof buildAndServe>>;
  let light: Awaited<ReturnType<typeof buildAndServe>>;
  beforeAll(async () => {
    [dark, light] = await Promise.all([buildAndServe('tests/fixtures/decks/emphasis'), buildAndServe('tests/fixtures/decks/emphasis-light')]);
  });
  afterAll(async () => {
    await dark?.close();
    await light?.close();
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`${theme}: highlight draws the named bar, line and column in the accent (or its entity colour) and every other mark grey`, async () => {
      const { page, errors } = await openDeck(browser, `${(theme === 'dark' ? dark : light).url}?transition=none`);
      const bar = await paints(page, 0, { bars: ['g.bar rect', 'fill'], labels: ['.categories text', 'fill'] });
      // Bars in data order: H100, H20, Ascend 910C, Ascend 950PR (an estimate: outlined, translucent fill).
      expect(bar.bars![1]).toBe(bar.accent![0]);
      expect([bar.bars![0], bar.bars![2]]).toEqual([bar.context![0], bar.context![0]]);
      expect(bar.labels![1]).toBe(bar.accent![0]);
      expect(bar.accent![0]).not.toBe(bar.context![0]);
      const line = await paints(page, 1, { lines: ['path.line', 'stroke'], names: ['text.series', 'fill'] });
      const nvidia = theme === 'dark' ? 'rgb(118, 185, 0)' : 'rgb(61, 122, 0)';
      expect(line.lines).toEqual([nvidia, line.context![0], line.context![0]]);
      // The grey series' names are muted text (readable), not the grey of their lines.
      expect(line.names).toEqual([nvidia, line.muted![0], line.muted![0]]);
      const cols = await paints(page, 4, { columns: ['g.series rect', 'fill'] });
      expect(cols.columns).toEqual([cols.context![0], cols.accent![0], cols.context![0]]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('estimates are outlined and dashed, and the data table says "est."', async () => {
    const { page } = await openDeck(browser, `${dark.url}?transition=none`);
    await page.evaluate(() => window.Reveal.slide(0, 0, 99));
    const bar = await page.evaluate(() => {
      const slide = window.Reveal.getCurrentSlide()!;
      const est = slide.querySelector<SVGRectElement>('rect.est')!;
      const s = getComputedStyle(est);
      return { dash: s.strokeDasharray, opacity: Number(s.fillOpacity), cells: [...slide.querySelectorAll('table.sr-only td')].map((td) => td.textContent) };
    });
    expect(bar.dash).not.toBe('none');
    expect(bar.opacity).toBeLessThan(0.5);
    expect(bar.cells).toEqual(['1.00', '0.15', '0.80', '1.10 (est.)']);
    await page.evaluate(() => window.Reveal.slide(1, 0, 99));
    const dash = await page.evaluate(() => window.Reveal.getCurrentSlide()!.querySelector('path.line')!.getAttribute('stroke-dasharray'));
    // Solid up to 2024, then dashes into the estimated 2025.
    expect(dash!.split(' ').length).toBeGreaterThan(4);
    await page.close();
  });

  it('timelines draw a dated today line, planned events hollow, and month ticks with the year where it changes', async () => {
    const { page } = await openDeck(browser, `${dark.url}?transition=none`);
    const t = await paints(page, 3, { done: ['.event:not(.planned) circle', 'fill'], planned: ['.event.planned circle', 'fill'] });
    expect(t.planned).toEqual([t.bg![0], t.bg![0]]);
    expect(t.done!.every((c) => c !== t.bg![0])).toBe(true);
    const { today, ticks } = await page.evaluate(() => {
      const slide = window.Reveal.getCurrentSlide()!;
      return { today: slide.querySelector('.rule.today text')?.textContent, ticks: [...slide.querySelectorAll('.ribbon text')].map((e) => e.textContent!) };
    });
    expect(today).toBe('Today, 7 Dec 2025');
    expect(ticks[0]).toMatch(/^[A-Z][a-z]{2} 2025$/);
    // The year where it changes: "Jan 2026", or the next tick's label when "today" (7 Dec) would run into it.
    expect(ticks.filter((l) => /\d{4}/.test(l)).map((l) => l.slice(-4))).toEqual(['2025', '2026']);
    expect(ticks.filter((l) => /\d{4}/.test(l))[0]).toBe(ticks[0]);
    await page.close();
  });

  it('a dumbbell draws a hollow start and a solid end per category, the highlighted row in the accent, inside its slide', async () => {
    const { page, errors } = await openDeck(browser, `${dark.url}?transition=none`);
    const d = await paints(page, 2, { from: ['.dumbbell .from', 'fill'], to: ['.dumbbell .to', 'fill'] });
    expect(d.from).toEqual([d.bg![0], d.bg![0], d.bg![0]]);
    // 910C is highlighted; 950PR is an estimate, drawn hollow too.
    expect(d.to).toEqual([d.context![0], d.accent![0], d.bg![0]]);
    const outside = await page.evaluate(() => {
      const slide = window.Reveal.getCurrentSlide()!;
      const box = slide.getBoundingClientRect();
      return [...slide.querySelectorAll('svg *')]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)).length;
    });
    expect(outside).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
