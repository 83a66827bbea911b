import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { rawExchange, statusOf } from '../unit/present/raw.ts';
import { launchDevServer, type DevLaunch } from '../../src/vite/launch.ts';
import { launchBrowser, tempDir, type Browser } from './helpers.ts';

// `dev` answers slide 1 from its own server before Vite is up (src/vite/launch.ts). Vite is held back here
// until the test lets it start, so "before Vite is ready" is a fact of the test, not a race it hopes to win.
const home = tempDir('chokepoint-early-');
const deck = join(home.path, 'deck');
const file = join(deck, 'talk.md');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="40" height="40"><circle cx="5" cy="5" r="5"/></svg>';
const TALK = '# Early bird\n\n![A dot](dot.svg)\n\n---\n\n## Second slide\n\nText.\n';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(deck);
  writeFileSync(join(home.path, 'secret.txt'), 'hunter2');
  writeFileSync(join(deck, 'dot.svg'), SVG);
  writeFileSync(join(deck, 'talk.css'), ':root { --talk-css: loaded; }\n');
  writeFileSync(join(deck, '.env'), 'TOKEN=1');
  writeFileSync(file, `---\ntheme: talk.css\n---\n\n${TALK}`);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  home.remove();
});

/** A launch whose Vite (and, with `holdCompile`, the whole deck's compile) waits for `release()`; `viteUp()` tells whether Vite has taken over. */
async function heldLaunch(input = deck, holdCompile = false): Promise<{ dev: DevLaunch; release: () => void; viteUp: () => boolean }> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const dev = await launchDevServer({ input, port: 0, host: '127.0.0.1' }, { vite: held, ...(holdCompile ? { compile: held } : {}) });
  let up = false;
  void dev.vite.then(() => (up = true));
  return { dev, release, viteUp: () => up };
}

describe('dev before Vite is ready', () => {
  it('shows slide 1 with its image and stylesheet, then takes hot updates once Vite is up, without a reload', async () => {
    const { dev, release, viteUp } = await heldLaunch();
    try {
      const url = dev.urls.local[0]!;
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('response', (r) => {
        if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(url);
      await page.waitForSelector('.reveal.ready');
      await page.waitForSelector('.reveal .slides > section:first-of-type h1', { state: 'visible' });
      expect(viteUp(), 'Vite was not held back').toBe(false);
      expect(await page.locator('section.present h1').innerText()).toBe('Early bird');
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--talk-css').trim())).toBe('loaded');
      expect(await page.locator('img[alt="A dot"]').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(2);
      await page.evaluate(() => {
        (window as unknown as { marker: number }).marker = 7;
      });

      // An edit while Vite is still held: the page catches up when Vite takes it over.
      writeFileSync(file, `---\ntheme: talk.css\n---\n\n${TALK.replace('Early bird', 'Edited before Vite')}`);
      release();
      await dev.vite;
      await page.waitForFunction(() => document.querySelector('section.present h1')?.textContent === 'Edited before Vite', null, { timeout: 30_000 });
      // And a hot update through Vite's socket, to the page opened before Vite was up.
      writeFileSync(file, `---\ntheme: talk.css\n---\n\n${TALK.replace('Early bird', 'Edited through Vite')}`);
      await page.waitForFunction(() => document.querySelector('section.present h1')?.textContent === 'Edited through Vite', null, { timeout: 30_000 });
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'the page was reloaded').toBe(7);
      expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(2);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      release();
      await dev.close();
    }
  });

  it('keeps the rules of dev before Vite is up: Host, WebSocket origin, only the files the deck names', async () => {
    const { dev, release, viteUp } = await heldLaunch();
    try {
      const base = dev.urls.local[0]!.replace(/\/$/, '');
      const { port } = dev;
      const get = (path: string, host = `127.0.0.1:${port}`) =>
        rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 10_000, true);
      expect(statusOf(await get('/', 'evil.example'))).toBe(403);
      const page = await get('/');
      expect(statusOf(page)).toBe(200);
      expect(page).toMatch(/content-security-policy: default-src 'self'; script-src 'self'; [^\r\n]*connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/i);
      const image = await get(`/@fs${deck}/dot.svg`);
      expect(statusOf(image)).toBe(200);
      expect(image).toMatch(/content-security-policy: sandbox; default-src 'none'/i);
      // Not the deck's (or a dot-file): not answered before Vite, whose checks then refuse it.
      const pending = [get(`/@fs${home.path}/secret.txt`), get(`/@fs${deck}/.env`), get(`/@fs${deck}/talk.md/../../secret.txt`)];
      await new Promise((r) => setTimeout(r, 300));
      const origin = await new Promise<number>((done) => {
        const ws = new WebSocket(`${base.replace('http', 'ws')}/`, 'vite-hmr', { origin: 'http://localhost:3000' });
        ws.once('unexpected-response', (_req, res) => done(res.statusCode!));
        ws.once('open', () => done(101));
        ws.once('error', () => done(0));
      });
      expect(origin).toBe(403);
      expect(viteUp()).toBe(false);
      release();
      await dev.vite;
      // A page loaded before Vite was up may ask for its handover script after: Vite's side serves it too.
      expect(statusOf(await get('/@chokepoint/handover.js'))).toBe(200);
      for (const answer of await Promise.all(pending)) {
        expect([403, 404]).toContain(statusOf(answer));
        expect(answer).not.toMatch(/hunter2|TOKEN=1/);
      }
    } finally {
      release();
      await dev.close();
    }
  });

  it('starts on the page kept from the last session when the deck is unchanged, and not when it changed', async () => {
    const first = await launchDevServer({ input: deck, port: 0, host: '127.0.0.1' });
    const page = await browser.newPage();
    await page.goto(first.urls.local[0]!);
    await page.waitForSelector('.reveal.ready');
    await first.vite;
    await first.close(); // keeps the page of its compile
    const version = async (dev: DevLaunch) => {
      const html = await (await fetch(dev.urls.local[0]!)).text();
      return { version: /data-deck-version="(\d+)"/.exec(html)?.[1], title: /<h1[^>]*>([^<]*)</.exec(html)?.[1] };
    };
    const again = await heldLaunch();
    try {
      expect(await version(again.dev)).toEqual({ version: '0', title: /<h1[^>]*>([^<]*)</.exec(await page.content())?.[1] });
    } finally {
      again.release();
      await again.dev.close();
    }
    writeFileSync(file, `---\ntheme: talk.css\n---\n\n${TALK.replace('Early bird', 'Changed while stopped')}`);
    const changed = await heldLaunch();
    try {
      expect(await version(changed.dev)).toEqual({ version: '1', title: 'Changed while stopped' });
    } finally {
      changed.release();
      await changed.dev.close();
    }
    await page.close();
  });

  it('shows a deck of several files from its first file at once, then the whole deck in place, at the slide the URL named', async () => {
    const parts = join(home.path, 'parts');
    mkdirSync(parts);
    writeFileSync(join(parts, '01-open.md'), '---\ntitle: Parts\nreveal:\n  slideNumber: "c/t"\n---\n\n# Opening\n\n---\n\n## Second\n');
    writeFileSync(join(parts, '02-rest.md'), '## Third\n\n---\n\n## Fourth [@src]\n\n---\n\n## Fifth\n');
    writeFileSync(join(parts, 'sources.yaml'), 'src:\n  title: A report\n  publisher: Someone\n  date: 2026-01-02\n');
    const { dev, release, viteUp } = await heldLaunch(parts, true);
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${dev.urls.local[0]!}#/3`);
      await page.waitForSelector('.reveal.ready');
      expect(viteUp(), 'Vite was not held back').toBe(false);
      // The first page: the first file's two slides, without a count that would be wrong.
      expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(2);
      expect(await page.evaluate(() => document.documentElement.hasAttribute('data-deck-partial'))).toBe(true);
      expect(await page.locator('.reveal .slide-number').evaluate((e) => getComputedStyle(e).visibility)).toBe('hidden');
      // It was opened at #/3, which it does not have: it shows no slide rather than slide 1 and then a jump.
      expect(await page.locator('.reveal .slides').evaluate((e) => getComputedStyle(e).visibility)).toBe('hidden');
      await page.evaluate(() => {
        (window as unknown as { marker: number }).marker = 7;
      });
      release();
      await dev.vite;
      await page.waitForFunction(() => window.Reveal.getTotalSlides() === 5, null, { timeout: 30_000 });
      await page.waitForFunction(() => window.Reveal.getIndices().h === 3, null, { timeout: 10_000 });
      expect(await page.locator('section.present h2').innerText()).toContain('Fourth');
      expect(await page.locator('section.present .slide-sources').innerText()).toContain('[1] Someone');
      expect(await page.evaluate(() => document.documentElement.hasAttribute('data-deck-partial'))).toBe(false);
      expect(await page.locator('.reveal .slides').evaluate((e) => getComputedStyle(e).visibility)).toBe('visible');
      const number = page.locator('.reveal .slide-number');
      expect(await number.evaluate((e) => getComputedStyle(e).visibility)).toBe('visible');
      expect(await number.innerText()).toBe('4 / 5');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'the page was reloaded').toBe(7);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      release();
      await dev.close();
    }
  });
});
