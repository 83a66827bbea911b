import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchBrowser, type Browser, type Page } from './helpers.ts';

// Slide 2 has ~150 words of notes and data-timing 20; slide 3 has 40; totalTime 300 spreads 80 s over
// the three untimed slides: a plan of [80, 20, 40, 80, 80].
const DECK = 'tests/fixtures/decks/console/deck.md';

let browser: Browser;
let site: Awaited<ReturnType<typeof buildAndServe>>;

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), buildAndServe(DECK)]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });
const slideN = (page: Page) => page.locator('.slide-n').innerText();

/** The console on its own (as the presenter page shows it): it drives its own current-slide frame. */
async function openConsole(size: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${site.url}?speaker`);
  await page.waitForSelector('.speaker-console[data-state]', { timeout: 120_000 });
  return page;
}

describe('the speaker console', () => {
  for (const size of [
    { width: 1100, height: 700 },
    { width: 1920, height: 1080 },
  ]) {
    it(`shows ~150 words of notes without scrolling, in large type, at ${size.width}×${size.height}`, async () => {
      const page = await openConsole(size);
      await page.keyboard.press('ArrowRight');
      await poll(() => page.locator('.speaker-controls-notes .value').innerText()).toContain('The notes carry the speech');
      const fit = await page.evaluate(() => {
        const value = document.querySelector<HTMLElement>('.speaker-controls-notes .value')!;
        const words = value.innerText.split(/\s+/).filter(Boolean).length;
        return {
          words,
          overflow: value.scrollHeight - value.clientHeight,
          page: document.documentElement.scrollHeight - innerHeight,
          px: parseFloat(getComputedStyle(value).fontSize),
        };
      });
      expect(fit.words).toBeGreaterThanOrEqual(140);
      expect(fit.overflow).toBeLessThanOrEqual(1);
      expect(fit.page).toBeLessThanOrEqual(0);
      expect(fit.px).toBeGreaterThanOrEqual(size.width > 1500 ? 28 : 24);
      // Both previews and the whole bar are on screen too.
      for (const sel of ['#current-slide', '#upcoming-slide', '.console-bar', '.console-nav']) {
        const box = (await page.locator(sel).boundingBox())!;
        expect(box.y + box.height, sel).toBeLessThanOrEqual(size.height);
      }
      await page.close();
    }, 180_000);
  }

  it('remembers A−/A+ across reloads, and short notes show at the chosen size', async () => {
    const page = await openConsole({ width: 1280, height: 800 });
    const px = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.speaker-controls-notes .value')!).fontSize));
    const before = await px();
    await page.click('.notes-larger');
    await page.click('.notes-larger');
    await poll(px).toBe(before + 4);
    await page.reload();
    await page.waitForSelector('.speaker-console[data-state]', { timeout: 120_000 });
    await poll(px).toBe(before + 4);
    await page.click('.notes-smaller');
    await poll(px).toBe(before + 2);
    await page.close();
  });

  it('paces against data-timing, with totalTime spread over the untimed slides, and says ahead or behind', async () => {
    const page = await openConsole({ width: 1280, height: 800 });
    const pacing = page.locator('.pacing');
    await poll(() => pacing.getAttribute('data-end')).toBe('80');
    // Typing a number and Enter jumps there: slide 3 is planned from 100 s to 140 s.
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await poll(() => slideN(page)).toBe('3');
    expect(await pacing.getAttribute('data-start')).toBe('100');
    expect(await pacing.getAttribute('data-slide')).toBe('40');
    expect(await pacing.getAttribute('data-state')).toBe('ahead');
    // 100 s planned before slide 3, minus the seconds the console has run so far (more on a loaded machine).
    expect(await pacing.innerText()).toMatch(/^ahead by 1:([0-3]\d|40) · this slide 0:40$/);
    await page.keyboard.press('ArrowDown');
    await poll(() => pacing.getAttribute('data-start')).toBe('140');
    expect(await pacing.getAttribute('data-slide')).toBe('80');
    // The elapsed timer pauses and resets.
    await page.click('.timer-pause');
    await poll(() => page.locator('.timer').getAttribute('class')).toMatch(/paused/);
    await page.click('.timer-reset');
    expect(await page.locator('.timer').innerText()).toBe('00:00:00');
    await page.close();
  });

  it('says behind once a slide overstays its plan, and its elapsed time survives a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The console started 200 s ago (as after a reload mid-talk): slide 1 was planned for 0–80 s.
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('chokepoint.timer'))
        sessionStorage.setItem('chokepoint.timer', JSON.stringify({ started: Date.now() - 200_000, pausedAt: null }));
    });
    await page.goto(`${site.url}?speaker`);
    await page.waitForSelector('.speaker-console[data-state]', { timeout: 120_000 });
    const pacing = page.locator('.pacing');
    await poll(() => pacing.getAttribute('data-state')).toBe('behind');
    expect(await pacing.innerText()).toMatch(/^behind by 2:[0-5]\d · this slide 1:20$/);
    expect(await page.locator('.timer').innerText()).toMatch(/^00:0[34]:\d\d$/);
    await page.reload();
    await page.waitForSelector('.speaker-console[data-state]', { timeout: 120_000 });
    expect(await page.locator('.timer').innerText()).toMatch(/^00:0[34]:\d\d$/);
    await page.close();
  });

  it('drives the deck that opened it: keys, clicks, the overview and blanking (shown on the deck too)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const deck = await context.newPage();
    await deck.goto(site.url);
    await deck.waitForSelector('.reveal.ready');
    const [speaker] = await Promise.all([context.waitForEvent('page'), deck.keyboard.press('s')]);
    await speaker.waitForSelector('.speaker-console[data-state]');
    const at = () => deck.evaluate(() => JSON.stringify(window.Reveal.getIndices()));
    await speaker.click('.nav-next');
    await poll(at).toBe('{"h":1,"v":0,"f":-1}');
    await speaker.keyboard.press('Space');
    await poll(at).toBe('{"h":1,"v":0,"f":0}');
    // The next step is the second item, and the tap zone on the next preview takes it.
    await poll(() => speaker.frameLocator('#upcoming-slide iframe').locator('section.present li.fragment.visible').count()).toBe(2);
    await speaker.click('#upcoming-slide .tap');
    await poll(at).toBe('{"h":1,"v":0,"f":1}');
    await speaker.keyboard.press('o');
    await poll(() => speaker.locator('.console-overview button').count()).toBe(5);
    await speaker.locator('.console-overview button', { hasText: 'Below, untimed' }).click();
    await poll(at).toMatch(/"h":2,"v":1/);
    await poll(() => slideN(speaker)).toBe('4');
    await speaker.keyboard.press('b');
    await poll(() => deck.evaluate(() => window.Reveal.isPaused())).toBe(true);
    await poll(() => speaker.locator('.speaker-console').getAttribute('class')).toMatch(/blanked/);
    await speaker.click('.blank-toggle');
    await poll(() => deck.evaluate(() => window.Reveal.isPaused())).toBe(false);
    await speaker.keyboard.press('ArrowLeft');
    await poll(at).toMatch(/"h":1,"v":0/);
    await speaker.close();
    await context.close();
  }, 180_000);
});
