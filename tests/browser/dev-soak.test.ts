import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openDeck, tempDir, type Browser } from './helpers.ts';

// The theme edit happens in a copy of the package (sources copied, node_modules linked), so other
// suites running at the same time never see a broken built-in theme.
const tmp = tempDir('chokepoint-soak-');
const pkg = join(tmp.path, 'pkg');
const deck = join(tmp.path, 'talk');
const file = join(deck, 'deck.md');
const theme = join(pkg, 'assets/theme/index.css');
const original = readFileSync('tests/fixtures/decks/nav/deck.md', 'utf8');
const BAD = ['unclosed-fence', 'chart-bad-yaml', 'malformed-front-matter', 'missing-image', 'unknown-citation'];
let browser: Browser;
let server: ViteDevServer;

beforeAll(async () => {
  mkdirSync(pkg);
  for (const f of ['src', 'assets', 'package.json', 'package-lock.json']) cpSync(f, join(pkg, f), { recursive: true });
  symlinkSync(resolve('node_modules'), join(pkg, 'node_modules'));
  mkdirSync(deck);
  writeFileSync(file, original);
  const { startDevServer } = (await import(join(pkg, 'src/vite/launch.ts'))) as typeof import('../../src/vite/launch.ts');
  [browser, server] = await Promise.all([launchBrowser(), startDevServer({ input: deck, port: 0, host: '127.0.0.1' })]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  tmp.remove();
});

describe('dev server soak', () => {
  it('survives bad edits, a broken theme edit and the deck folder deleted and restored, serving the last good deck', async () => {
    const url = server.resolvedUrls!.local[0]!;
    const { page } = await openDeck(browser, url);
    const panel = page.locator('#deck-errors');
    const panelSays = (text: string | RegExp, what: string) =>
      expect.poll(async () => (await panel.count()) > 0 && new RegExp(text).test(await panel.innerText()), { timeout: 30_000, message: what }).toBe(true);
    const cleared = (what: string) => expect.poll(() => panel.count(), { timeout: 60_000, message: what }).toBe(0);
    const lastGood = async (what: string) => {
      expect(await page.locator('.slides h1').first().innerText(), what).toBe('First slide');
      expect((await fetch(url)).status, `${what}: the server answers`).toBe(200);
    };

    for (const name of BAD) {
      writeFileSync(file, readFileSync(`tests/fixtures/bad/${name}/deck.md`));
      await panelSays('deck\\.md:\\d+: ', name);
      await lastGood(name);
    }
    writeFileSync(file, original);
    await cleared('recovery after the corpus');

    // A broken edit of the built-in theme: the runtime bundle does not build; the page says so and keeps going.
    const css = readFileSync(theme, 'utf8');
    appendFileSync(theme, "\n@import './no-such-file.css';\n");
    await panelSays(/assets\/theme\/index\.css(:\d+)?: the built-in theme or runtime does not build: .*no-such-file\.css/, 'theme error shown');
    await lastGood('broken theme');
    writeFileSync(theme, css);
    await cleared('theme fixed');
    await page.waitForSelector('.reveal.ready');
    await lastGood('theme fixed');

    // The folder deleted and restored, as `git switch` does.
    rmSync(deck, { recursive: true });
    await panelSays(/no such file or folder/, 'folder gone');
    await lastGood('folder gone');
    mkdirSync(deck);
    writeFileSync(file, original);
    await cleared('folder restored');
    // And the next save is picked up, as before.
    writeFileSync(file, original.replace('First slide', 'First slide, after restore'));
    await page.waitForFunction(() => document.querySelector('.slides h1')?.textContent === 'First slide, after restore', undefined, { timeout: 30_000 });
    await page.close();
  }, 300_000);
});
