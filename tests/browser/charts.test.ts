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
        const outside = [...slide.querySelectorAll('*')].filter((el) => !el.closest('.sr-only') && !el.closest('aside'))
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
