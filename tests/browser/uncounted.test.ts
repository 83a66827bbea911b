import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdf, type ExportFlags } from '../../src/commands/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { pdfInfo, pdfPages } from './export-tools.ts';
import { buildAndServe, launchBrowser, openDeck, tempDir, type Browser, type Page } from './helpers.ts';

// Four counted slides, a hidden one among them (reveal removes it), and two uncounted appendix slides at the
// end: the screen reads "k / 4", and so must every number we compute ourselves.
const DECK = `---
title: Counting
---

## One

---

## Two

---

<!-- .slide: data-visibility="hidden" -->

## Secret

---

## Three

---

## Four

---

<!-- .slide: data-visibility="uncounted" -->

## Appendix table

---

<!-- .slide: data-visibility="uncounted" -->

## Appendix sources
`;
const TITLES = ['One', 'Two', 'Three', 'Four', 'Appendix table', 'Appendix sources'];
// reveal's numbers: an uncounted slide adds nothing and shows the count before it.
const NUMBERS = ['1 / 4', '2 / 4', '3 / 4', '4 / 4', '4 / 4', '4 / 4'];

const tmp = tempDir('chokepoint-uncounted-');
const input = join(tmp.path, 'deck.md');
writeFileSync(input, DECK);
const pdf = (name: string) => join(tmp.path, name);
let browser: Browser;
let site: Awaited<ReturnType<typeof buildAndServe>>;
const codes: Record<string, number> = {};
const logs: string[] = [];

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), buildAndServe(input)]);
  const out = { log: (s: string) => void logs.push(s), error: (s: string) => void logs.push(`error: ${s}`) };
  // The plain PDF uses the static print view, the notes PDF reveal's own; the handout numbers its sheets.
  const jobs: [string, ExportFlags][] = [
    ['deck.pdf', {}],
    ['notes.pdf', { notes: true }],
    ['handout.pdf', { handout: true }],
  ];
  for (const [name, flags] of jobs) codes[name] = await runPdf(input, { ...flags, out: pdf(name) }, out, silentProgress);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  tmp.remove();
});

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });
const screenNumber = (page: Page) =>
  page
    .locator('.reveal .slide-number')
    .innerText()
    .then((t) => t.replace(/\s+/g, ' ').trim());

describe('data-visibility="uncounted" and "hidden"', () => {
  it('on screen, counts 4 slides and leaves the hidden one out', async () => {
    const { page, errors } = await openDeck(browser, site.url);
    expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(4);
    const seen: string[] = [];
    const titles: string[] = [];
    for (let h = 0; h < TITLES.length; h++) {
      await page.evaluate((i) => window.Reveal.slide(i, 0), h);
      seen.push(await screenNumber(page));
      titles.push(await page.locator('.reveal section.present h2').innerText());
    }
    expect(titles).toEqual(TITLES);
    expect(seen).toEqual(NUMBERS);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const name of ['deck.pdf', 'notes.pdf']) {
    it(`prints the screen's numbers on each page of ${name}, without the hidden slide`, () => {
      expect(codes[name], logs.join('\n')).toBe(0);
      const pages = pdfPages(pdf(name));
      // The notes PDF may add notes pages: only the slide pages carry a slide's title.
      const slides = pages.filter((text) => TITLES.some((t) => new RegExp(`^\\s*${t}\\s*$`, 'm').test(text)));
      expect(slides.map((text) => TITLES.find((t) => new RegExp(`^\\s*${t}\\s*$`, 'm').test(text)))).toEqual(TITLES);
      expect(slides.map((text) => /(\d+) \/ (\d+)\s*$/.exec(text.trim())?.slice(0, 1).join(''))).toEqual(NUMBERS);
      expect(pages.join('\n')).not.toContain('Secret');
    });
  }

  it('numbers handout sheets as the screen does', () => {
    expect(codes['handout.pdf'], logs.join('\n')).toBe(0);
    expect(pdfInfo(pdf('handout.pdf')).Pages).toBe(String(TITLES.length));
    const heads = pdfPages(pdf('handout.pdf')).map((text) => /SLIDE (\d+) OF (\d+)/i.exec(text)?.slice(1).join(' / '));
    expect(heads).toEqual(NUMBERS);
  });

  it('shows "Slide k / 4" in the speaker console', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${site.url}?speaker`);
    await page.waitForSelector('.speaker-console[data-state]', { timeout: 120_000 });
    const count = () =>
      page
        .locator('.slide-count')
        .innerText()
        .then((t) => t.replace(/\s+/g, ' ').trim());
    await poll(count).toBe('Slide 1 / 4');
    await page.click('.nav-next');
    await page.click('.nav-next');
    await poll(count).toBe('Slide 3 / 4');
    for (let i = 0; i < 3; i++) await page.click('.nav-next');
    await poll(count).toBe('Slide 4 / 4');
    await page.close();
  }, 180_000);
});

describe('check and uncounted slides', () => {
  it('checks the uncounted appendix slides too (reveal.getSlides() leaves them out)', async () => {
    const { checkDeck } = await import('../../src/check/run.ts');
    const result = await checkDeck(input);
    // Four counted slides and the two uncounted ones; the hidden slide is not in the deck at all.
    expect(result.slides).toBe(6);
    const notes = result.issues.filter((i) => i.rule === 'notes').map((i) => i.slide?.title);
    expect(notes).toEqual(expect.arrayContaining(['Appendix table', 'Appendix sources']));
  }, 120_000);
});
