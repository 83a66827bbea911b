import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, indices, launchBrowser, openDeck, type Browser } from './helpers.ts';

let browser: Browser;
let site: Awaited<ReturnType<typeof buildAndServe>>;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), buildAndServe('tests/fixtures/decks/nav/deck.md')]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the built deck in Chromium', () => {
  it('loads with no console errors and no request to another host', async () => {
    const { page, errors, foreign } = await openDeck(browser, site.url);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    expect(await page.title()).toBe('Navigation fixture');
    expect(await page.locator('.reveal .slides > section').count()).toBe(3);
    await page.close();
  });

  it('moves through horizontal and vertical slides and steps fragments with the keyboard', async () => {
    const { page } = await openDeck(browser, site.url);
    expect(await indices(page)).toMatchObject({ h: 0, v: 0 });
    await page.keyboard.press('ArrowRight');
    expect(await indices(page)).toMatchObject({ h: 1, v: 0, f: -1 });
    await page.keyboard.press('Space');
    expect(await indices(page)).toMatchObject({ h: 1, v: 0, f: 0 });
    expect(await page.locator('section.present li.fragment.visible').count()).toBe(1);
    await page.keyboard.press('Space');
    expect(await page.locator('section.present li.fragment.visible').count()).toBe(2);
    await page.keyboard.press('ArrowDown');
    expect(await indices(page)).toMatchObject({ h: 1, v: 1 });
    await expect.poll(() => page.locator('section.present > h2').last().innerText()).toBe('Second, below');
    await page.keyboard.press('ArrowRight');
    expect(await indices(page)).toMatchObject({ h: 2, v: 0 });
    // reveal writes the hash debounced (a timer); on a loaded machine timers run late.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/2$/);
    await page.close();
  });

  it("attaches each slide's notes", async () => {
    const { page } = await openDeck(browser, site.url);
    const notes: string[] = [];
    for (const [h, v] of [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 0],
    ] as const) {
      await page.evaluate(([hh, vv]) => window.Reveal.slide(hh, vv), [h, v]);
      notes.push((await page.evaluate(() => window.Reveal.getSlideNotes())) ?? '');
    }
    expect(notes.map((n) => n.replace(/<\/?p>|\n/g, ''))).toEqual([
      'Notes of the first slide.',
      'Notes of the second slide.',
      'Notes of the vertical child.',
      'Notes of the third slide.',
    ]);
    await page.close();
  });

  it('ships no Markdown parser and no highlighter to the browser', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const js = readdirSync(`${site.dir}/assets`)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(`${site.dir}/assets/${f}`, 'utf8'))
      .join('\n');
    // Booleans, so a failure does not print half a megabyte of minified code.
    expect(/hljs\.registerLanguage|highlightAuto/.test(js), 'highlight.js in the bundle').toBe(false);
    expect(/marked\(\): input parameter|markedjs/.test(js), 'marked in the bundle').toBe(false);
  });
});
