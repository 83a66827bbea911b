import { describe, expect, it } from 'vitest';
import type { CheckIssue } from '../../src/check/types.ts';
import { runCli } from '../unit/helpers.ts';

describe('the light theme', () => {
  it('passes check (contrast of text, code, charts, diagrams, math; footer and logo clear of content)', async () => {
    const { code, output } = await runCli('check', 'tests/fixtures/decks/light', '--json');
    const { issues, summary } = JSON.parse(output) as { issues: CheckIssue[]; summary: { slides: number } };
    expect(issues).toEqual([]);
    expect(code).toBe(0);
    expect(summary).toBeDefined();
  }, 180_000);
});

describe('theme selection', () => {
  it('paints the light theme white with dark text, and the default dark theme ink with light text', async () => {
    const { buildAndServe, launchBrowser, openDeck } = await import('./helpers.ts');
    const browser = await launchBrowser();
    try {
      for (const [deck, bg, fg] of [
        ['tests/fixtures/decks/light', 'rgb(255, 255, 255)', 'rgb(21, 32, 43)'],
        ['tests/fixtures/decks/authoring/deck.md', 'rgb(12, 17, 23)', 'rgb(243, 245, 248)'],
      ] as const) {
        const site = await buildAndServe(deck);
        const { page, errors } = await openDeck(browser, site.url);
        const colours = await page.evaluate(() => [
          getComputedStyle(document.querySelector('.reveal-viewport')!).backgroundColor,
          getComputedStyle(document.querySelector('.reveal')!).color,
        ]);
        expect(colours).toEqual([bg, fg]);
        expect(errors).toEqual([]);
        await page.close();
        await site.close();
      }
    } finally {
      await browser.close();
    }
  }, 180_000);
});
