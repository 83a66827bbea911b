import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../src/browser/serve.ts';
import { buildDeck } from '../../src/node/build.ts';
import { launchBrowser } from '../shared-browser.ts';
import { tempDir } from '../unit/helpers.ts';

/** Builds `input` into a temporary folder and serves it on loopback; `allowDirs` as `--allow-dir`. */
export async function buildAndServe(input: string, allowDirs?: string[]): Promise<{ url: string; dir: string; close: () => Promise<void> }> {
  const tmp = tempDir();
  const out = join(tmp.path, 'dist');
  const result = await buildDeck(input, out, { allowDirs });
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.deck.issues)}`);
  const server: StaticServer = await serveStatic(out);
  return {
    url: server.url,
    dir: out,
    close: async () => {
      await server.close();
      tmp.remove();
    },
  };
}

export { launchBrowser, tempDir };
export type { Browser, Page };

/** Opens a page that records console errors, page errors and every request leaving the origin. */
export async function openDeck(browser: Browser, url: string, size = { width: 1920, height: 1080 }) {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  await page.goto(url);
  await page.waitForSelector('.reveal.ready');
  return { page, errors, foreign };
}

/** Reveal's current indices in the page. */
export const indices = (page: Page) => page.evaluate(() => window.Reveal.getIndices());
