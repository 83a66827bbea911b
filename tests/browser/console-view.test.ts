import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchBrowser, tempDir, type Browser, type Page } from './helpers.ts';

// What the presenter sees in the console, measured in the page: bold in the notes, one notes size for the
// deck, and a slide grid of pictures. 40 slides, as a real talk has: seven called "Sources" (told apart only
// by their pictures), notes from none to ~330 words, a chart, and titles too long for a tile.
const words = (n: number) => Array.from({ length: n }, (_, i) => ['the', 'figure', 'moved', 'because', 'supply', 'tightened', 'again'][i % 7]).join(' ');
const SLIDES = Array.from({ length: 40 }, (_, i) => {
  const n = i + 1;
  if (n === 1) return '# Console view\n\nNote: Say **the one number** first, then *why* it matters.';
  if (n === 5)
    return `## A chart\n\n\`\`\`chart\nkind: bar\ntitle: Tiles per row\ndata: [{name: a, value: 3}, {name: b, value: 5}, {name: c, value: 2}]\nx: name\ny: value\n\`\`\`\n\nNote: ${words(40)}`;
  if (n === 9) return `## Long notes\n\nNote: ${words(330)}.`;
  if (n >= 34) return `## Sources\n\n${Array.from({ length: n - 32 }, (_, k) => `- Source ${n}.${k + 1}, a report`).join('\n')}`;
  const title = n % 4 === 0 ? `Slide ${n} has a title long enough to need three lines in a tile of the slide grid` : `Slide ${n}`;
  return `## ${title}\n\n- point one\n- point two\n\nNote: ${words([3, 60, 120, 20][n % 4]!)}.`;
});
const tmp = tempDir('chokepoint-console-view-');
const DECK = join(tmp.path, 'deck.md');
writeFileSync(DECK, `---\ntitle: Console view\n---\n\n${SLIDES.join('\n\n---\n\n')}\n`);

let browser: Browser;
let site: Awaited<ReturnType<typeof buildAndServe>>;
beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), buildAndServe(DECK)]);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  tmp.remove();
});

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });

async function openConsole(size: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.goto(`${site.url}?speaker`);
  await page.waitForSelector('.speaker-console[data-state]', { timeout: 120_000 });
  await page.evaluate(() => document.fonts.ready);
  return page;
}
const notesState = (page: Page) =>
  page.evaluate(() => {
    const value = document.querySelector<HTMLElement>('.speaker-controls-notes .value')!;
    return {
      slide: document.querySelector('.slide-n')!.textContent,
      px: parseFloat(getComputedStyle(value).fontSize),
      overflow: value.scrollHeight - value.clientHeight,
      text: value.innerText.slice(0, 30),
    };
  });

describe('the speaker console, as the presenter sees it', () => {
  it('renders bold notes bold: <strong> at weight 700, wider than the same words at 400', async () => {
    const page = await openConsole({ width: 1100, height: 700 });
    await poll(() => page.locator('.speaker-controls-notes .value strong').count()).toBe(1);
    const bold = await page.evaluate(() => {
      const strong = document.querySelector<HTMLElement>('.speaker-controls-notes .value strong')!;
      const plain = document.createElement('span');
      plain.textContent = strong.textContent;
      strong.after(plain);
      const out = {
        weight: getComputedStyle(strong).fontWeight,
        style: getComputedStyle(document.querySelector('.speaker-controls-notes .value em')!).fontStyle,
        bold: strong.getBoundingClientRect().width,
        plain: plain.getBoundingClientRect().width,
      };
      plain.remove();
      return out;
    });
    expect(bold.weight).toBe('700');
    expect(bold.style).toBe('italic');
    // The font really draws it heavier (wider glyphs), not just a computed value.
    expect(bold.bold).toBeGreaterThan(bold.plain * 1.03);
    await page.close();
  }, 180_000);

  for (const size of [
    { width: 1100, height: 700, floor: 24 },
    { width: 1920, height: 1080, floor: 28 },
  ]) {
    it(`keeps one notes size on every slide at ${size.width}×${size.height} (≥ ${size.floor} px); notes longer than that scroll`, async () => {
      const page = await openConsole(size);
      const seen: Awaited<ReturnType<typeof notesState>>[] = [];
      for (let i = 1; i <= 12; i++) {
        await page.keyboard.type(String(i));
        await page.keyboard.press('Enter');
        await poll(() => page.locator('.slide-n').innerText()).toBe(String(i));
        const state = await notesState(page);
        seen.push(state);
        if (i === 9) {
          // The ~330 words scroll in their pane when they do not fit; the page itself does not.
          const scrolled = await page.locator('.speaker-controls-notes .value').evaluate((v) => {
            v.scrollTop = 10_000;
            return v.scrollTop;
          });
          expect(scrolled > 0).toBe(state.overflow > 1);
        }
      }
      const sizes = [...new Set(seen.map((s) => s.px))];
      expect(sizes, JSON.stringify(seen.map((s) => s.px))).toHaveLength(1);
      expect(sizes[0]).toBeGreaterThanOrEqual(size.floor);
      for (const s of seen.filter((x) => x.slide !== '9')) expect(s.overflow, `slide ${s.slide}`).toBeLessThanOrEqual(1);
      expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);
      // A+ sets a size of the presenter's own, the same on every slide; Fit goes back to the deck's size.
      await page.click('.notes-larger');
      await poll(async () => (await notesState(page)).px).toBe(sizes[0]! + 2);
      await page.keyboard.type('2');
      await page.keyboard.press('Enter');
      await poll(() => page.locator('.slide-n').innerText()).toBe('2');
      expect((await notesState(page)).px).toBe(sizes[0]! + 2);
      await page.click('.notes-fit');
      await poll(async () => (await notesState(page)).px).toBe(sizes[0]);
      expect(await page.locator('.notes-fit').isHidden()).toBe(true);
      await page.close();
    }, 180_000);
  }

  it('`o` opens an opaque grid of slide pictures, made as they scroll into view; captions are whole lines', async () => {
    const page = await openConsole({ width: 1100, height: 700 });
    const t = performance.now();
    await page.keyboard.press('o');
    const grid = page.locator('.console-overview');
    await poll(() => grid.locator('button').count()).toBe(40);
    await poll(() => grid.locator('button').first().locator('.chokepoint-thumb section').count()).toBe(1);
    const opened = performance.now() - t;
    const made = await grid.locator('.chokepoint-thumb').count();
    console.log(`slide grid: 40 tiles, ${made} pictures made on opening, ${opened.toFixed(0)} ms from the key to the first picture`);
    expect(made, 'pictures are made only for tiles near the view').toBeLessThan(40);
    expect(made).toBeGreaterThanOrEqual(8);

    // Opaque: nothing of the console shows through.
    const bg = await grid.evaluate((g) => getComputedStyle(g).backgroundColor);
    expect(bg).toMatch(/^rgb\(/);
    // Each picture is the slide itself, scaled: the heading's text and its place at the tile's scale.
    if (process.env.CHOKEPOINT_SHOTS) await page.screenshot({ path: join(process.env.CHOKEPOINT_SHOTS, 'console-grid-open.png') });
    const pictured = await page.evaluate(() => {
      const tile = document.querySelector<HTMLElement>('.console-overview button[data-index="1"] .thumb')!;
      const h2 = tile.querySelector('h2')!;
      const box = tile.getBoundingClientRect();
      const head = h2.getBoundingClientRect();
      return {
        text: h2.textContent,
        inside: head.left >= box.left && head.right <= box.right && head.top >= box.top && head.bottom <= box.bottom,
        ratio: head.height / box.height,
        tile: box.width / box.height,
      };
    });
    expect(pictured.text).toBe('Slide 2');
    expect(pictured.inside).toBe(true);
    expect(pictured.tile).toBeCloseTo(16 / 9, 1);
    // 64 px of a 1080 px slide.
    expect(pictured.ratio).toBeGreaterThan(0.04);
    expect(pictured.ratio).toBeLessThan(0.12);
    // The chart is drawn in its tile, and the seven "Sources" tiles differ in their pictures.
    await page.locator('.console-overview button[data-index="4"]').scrollIntoViewIfNeeded();
    await poll(() => page.locator('.console-overview button[data-index="4"] .thumb svg').count()).toBeGreaterThan(0);
    await page.locator('.console-overview button[data-index="39"]').scrollIntoViewIfNeeded();
    await poll(() => grid.locator('button[data-index="39"] .chokepoint-thumb section').count()).toBe(1);
    const [a, b] = await Promise.all([
      grid.locator('button[data-index="33"] .thumb').screenshot(),
      grid.locator('button[data-index="39"] .thumb').screenshot(),
    ]);
    expect(a.equals(b)).toBe(false);
    // Captions: one whole line each, inside the tile, nothing cut mid-glyph.
    const captions = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.console-overview button')].map((button) => {
        const caption = button.querySelector<HTMLElement>('.caption')!;
        const c = caption.getBoundingClientRect();
        const t = button.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(caption).lineHeight);
        return { overflow: button.scrollHeight - button.clientHeight, lines: Math.round(c.height / line), inside: c.bottom <= t.bottom && c.top >= t.top };
      }),
    );
    for (const [i, c] of captions.entries()) expect(c, `tile ${i + 1}`).toEqual({ overflow: 0, lines: 1, inside: true });
    if (process.env.CHOKEPOINT_SHOTS) await page.screenshot({ path: join(process.env.CHOKEPOINT_SHOTS, 'console-grid.png') });
    // The pictures are not slides: after a hot update (dev sends this event) the console still counts 40.
    await page.evaluate(() => document.dispatchEvent(new Event('chokepoint:deck-updated')));
    expect(await page.locator('.slide-total').innerText()).toBe('40');
    // Picking a tile jumps there and closes the grid.
    await grid.locator('button[data-index="35"]').click();
    await poll(() => page.locator('.slide-n').innerText()).toBe('36');
    expect(await grid.isHidden()).toBe(true);
    await page.close();
  }, 180_000);
});
