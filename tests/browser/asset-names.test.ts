import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViteDevServer } from 'vite';
import { startDevServer } from '../../src/vite/launch.ts';
import { buildAndServe, launchBrowser, openDeck, tempDir, type Browser } from './helpers.ts';

// Issue 20 item 12: images whose file names hold `#` or `?` could not be used in any spelling.
const tmp = tempDir('chokepoint-asset-names-');
const deckDir = join(tmp.path, 'deck');
const SPELLINGS = ['a%23b.png', '<a#b.png>', 'c%3Fd.png', '<c?d.png>', 'sub/e%23f%3Fg.png'];
let browser: Browser;
// The picture's own width, from its PNG header: 0 would mean it did not load.
const WIDTH = readFileSync('tests/fixtures/decks/export/gradient.png').readUInt32BE(16);

beforeAll(async () => {
  mkdirSync(join(deckDir, 'sub'), { recursive: true });
  for (const name of ['a#b.png', 'c?d.png', 'sub/e#f?g.png']) copyFileSync('tests/fixtures/decks/export/gradient.png', join(deckDir, name));
  const images = SPELLINGS.map((s, i) => `![image ${i}](${s})`).join('\n\n');
  writeFileSync(join(deckDir, 'deck.md'), `---\ntitle: Names\n---\n\n## Names\n\n${images}\n`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  tmp.remove();
});

/** Every image on the first slide, decoded to its natural width (0 when it did not load). */
async function widths(url: string): Promise<{ widths: number[]; errors: string[] }> {
  const { page, errors } = await openDeck(browser, url);
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
  const found = await page.$$eval('.slides section img', (imgs) => (imgs as HTMLImageElement[]).map((img) => img.naturalWidth));
  await page.close();
  return { widths: found, errors };
}

describe('image file names with # and ?', () => {
  it('load in a built deck, in every spelling (%23, %3F, <angle brackets>)', async () => {
    const site = await buildAndServe(join(deckDir, 'deck.md'));
    try {
      const shown = await widths(site.url);
      expect(shown.errors).toEqual([]);
      expect(shown.widths).toEqual(SPELLINGS.map(() => WIDTH));
    } finally {
      await site.close();
    }
  }, 120_000);

  it('load in dev', async () => {
    const server: ViteDevServer = await startDevServer({ input: join(deckDir, 'deck.md'), port: 0 });
    try {
      const shown = await widths(server.resolvedUrls!.local[0]!);
      expect(shown.errors).toEqual([]);
      expect(shown.widths).toEqual(SPELLINGS.map(() => WIDTH));
    } finally {
      await server.close();
    }
  }, 120_000);
});
