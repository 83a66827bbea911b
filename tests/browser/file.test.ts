import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeck } from '../../src/node/build.ts';
import { buildSingleFile } from '../../src/node/single-file.ts';
import { runCli } from '../unit/helpers.ts';
import { launchBrowser, tempDir, type Browser, type Page } from './helpers.ts';

// The export fixture has an image, fragments, a vertical slide and notes.
const DECK = 'tests/fixtures/decks/export/deck.md';
const tmp = tempDir('chokepoint-file-');
let browser: Browser;
let dirUrl: string;
let singleUrl: string;
let single: string;

beforeAll(async () => {
  single = join(tmp.path, 'deck.html');
  const [b, built, one] = await Promise.all([launchBrowser(), buildDeck(DECK, join(tmp.path, 'dist')), buildSingleFile(DECK, single)]);
  browser = b;
  if (!built.ok || !one.ok) throw new Error(JSON.stringify([...built.deck.issues, ...one.deck.issues]));
  dirUrl = pathToFileURL(join(tmp.path, 'dist', 'index.html')).href;
  singleUrl = pathToFileURL(single).href;
});
afterAll(async () => {
  await browser?.close();
  tmp.remove();
});

/** Opens `url` in a fresh context; with `only`, every request for anything but that file is aborted. */
async function open(url: string, only = false) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const requests: string[] = [];
  const blocked: string[] = [];
  if (only) {
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.split(/[?#]/)[0] === url) return route.continue();
      blocked.push(u);
      return route.abort();
    });
  }
  context.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  };
  context.on('page', watch);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.reveal.ready');
  return { context, page, errors, requests, blocked };
}

async function presents(page: Page): Promise<void> {
  // Every font the first slide uses loaded (from file:// or a data URL), and every image decoded.
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
  });
  expect(fonts).toContain('Inter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => window.Reveal.getIndices())).toMatchObject({ h: 1, f: 0 });
  await page.evaluate(() => window.Reveal.slide(1, 1));
  await expect
    .poll(() => page.evaluate(() => [...document.querySelectorAll('section.present img')].map((i) => (i as HTMLImageElement).naturalWidth)))
    .toEqual([expect.any(Number)]);
  expect(await page.evaluate(() => (document.querySelector('section.present img') as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
}

/** `s` opens the console from this page; it follows the deck and its previews show the slides. */
async function consoleFollows(context: Awaited<ReturnType<typeof open>>['context'], page: Page): Promise<void> {
  await page.evaluate(() => window.Reveal.slide(0));
  const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
  await expect.poll(() => speaker.locator('.speaker-controls-notes .value').innerText(), { timeout: 10_000 }).toContain('Opening notes alpha.');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => speaker.locator('.slide-n').innerText(), { timeout: 10_000 }).toBe('2');
  await expect.poll(() => speaker.frameLocator('#upcoming-slide iframe').locator('section.present li.fragment.visible').count(), { timeout: 10_000 }).toBe(1);
  await speaker.close();
}

describe('a built deck opened from file://', () => {
  it('runs (a classic script, no module), loads its fonts and images, and opens the speaker console', async () => {
    const html = readFileSync(join(tmp.path, 'dist', 'index.html'), 'utf8');
    expect(html).not.toContain('type="module"');
    const { context, page, errors } = await open(dirUrl);
    await presents(page);
    await consoleFollows(context, page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says what to do in one visible line, instead of a blank page, when its script cannot run', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(dirUrl);
    await expect.poll(() => page.locator('#deck-fallback').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.getElementById('deck-fallback')!).opacity), { timeout: 10_000 }).toBe('1');
    expect(await page.locator('#deck-fallback').innerText()).toContain('chokepoint preview');
    await context.close();
  });
});

describe('build --single-file', () => {
  it('presents from file:// with every other request blocked, console included', async () => {
    const { context, page, errors, blocked, requests } = await open(singleUrl, true);
    await presents(page);
    await consoleFollows(context, page);
    expect(blocked).toEqual([]);
    expect(requests.every((u) => u.split(/[?#]/)[0] === singleUrl || u.startsWith('data:'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the CSP strict: the inline script is allowed by its hash, never by unsafe-inline', () => {
    const html = readFileSync(single, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/(href|src)="assets\//);
  });

  it('prints its size, and refuses to replace a file that is not a Chokepoint deck', async () => {
    const out = join(tmp.path, 'cli.html');
    const run = await runCli('build', DECK, '--single-file', '--out', out);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/into .*cli\.html \(one file, \d+(\.\d)? KiB, \d+ bytes\)/);
    const mine = join(tmp.path, 'mine.html');
    writeFileSync(mine, '<p>my notes</p>');
    const refused = await runCli('build', DECK, '--single-file', '--out', mine);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('is not a Chokepoint deck');
    expect(readFileSync(mine, 'utf8')).toBe('<p>my notes</p>');
  });

  it("keeps the talk's single file within 3 MB", async () => {
    const result = await buildSingleFile('slides', join(tmp.path, 'talk.html'));
    expect(result.ok).toBe(true);
    expect(result.bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
  });
});
