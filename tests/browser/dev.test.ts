import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer } from '../../src/vite/launch.ts';
import { indices, launchBrowser, openDeck, tempDir, type Browser } from './helpers.ts';

let browser: Browser;
let server: ViteDevServer;
const tmp = tempDir('chokepoint-dev-');
const file = join(tmp.path, 'deck.md');
const original = readFileSync('tests/fixtures/decks/nav/deck.md', 'utf8');

beforeAll(async () => {
  cpSync('tests/fixtures/decks/nav/deck.md', file);
  [browser, server] = await Promise.all([launchBrowser(), startDevServer({ input: tmp.path, port: 0 })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  tmp.remove();
});

const edit = (from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
afterEach(() => writeFileSync(file, original));

describe('the dev server', () => {
  it('updates the page in place on an edit, keeps the slide, and recovers from a broken edit', async () => {
    const url = server.resolvedUrls!.local[0]!;
    const { page, errors } = await openDeck(browser, url);
    await page.evaluate(() => window.Reveal.slide(1, 1));
    expect(await indices(page)).toMatchObject({ h: 1, v: 1 });
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });

    edit('## Second, below', '## Second, edited live');
    await page.waitForFunction(() => document.querySelector('section.present > h2')?.textContent === 'Second, edited live');
    expect(await indices(page)).toMatchObject({ h: 1, v: 1 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'the page was reloaded').toBe(42);

    edit('Vertical child.', 'Vertical child.\n\n```js\nunclosed');
    const panel = page.locator('#deck-errors');
    await expect.poll(() => panel.count(), { timeout: 15_000 }).toBe(1);
    expect(await panel.innerText()).toMatch(/deck\.md:\d+: code block opened with ``` is never closed/);
    expect(await page.locator('section.present > h2').last().innerText()).toBe('Second, edited live');
    await page.keyboard.press('ArrowRight');
    expect(await indices(page)).toMatchObject({ h: 2, v: 0 });
    await page.keyboard.press('ArrowLeft');

    edit('```js\nunclosed', 'Fixed now.');
    await expect.poll(() => panel.count(), { timeout: 15_000 }).toBe(0);
    await page.waitForFunction(() => document.body.textContent?.includes('Fixed now.'));
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'the page was reloaded').toBe(42);
    expect(errors.join('\n')).toBe('');
    await page.close();
  });

  it('redraws a chart when its data file changes', async () => {
    const { page } = await openDeck(browser, server.resolvedUrls!.local[0]!);
    writeFileSync(join(tmp.path, 'values.csv'), 'name,value\nalpha,1\nbeta,2\n');
    edit('Last one.', 'Last one.\n\n```chart\nkind: bar\ntitle: Live data\ndata: values.csv\nx: name\ny: value\n```');
    await page.waitForFunction(() => document.querySelector('figure.chart table')?.textContent?.includes('beta'));
    writeFileSync(join(tmp.path, 'values.csv'), 'name,value\nalpha,1\ngamma,3\n');
    await page.waitForFunction(() => document.querySelector('figure.chart table')?.textContent?.includes('gamma'));
    rmSync(join(tmp.path, 'values.csv'));
    await page.close();
  });

  it('picks up a new slide file added to the folder', async () => {
    const { page } = await openDeck(browser, server.resolvedUrls!.local[0]!);
    writeFileSync(join(tmp.path, 'zz-extra.md'), '## Added later\n');
    await page.waitForFunction(() => [...document.querySelectorAll('.slides h2')].some((h) => h.textContent === 'Added later'));
    expect(await page.evaluate(() => window.Reveal.getTotalSlides())).toBe(5);
    rmSync(join(tmp.path, 'zz-extra.md'));
    await page.waitForFunction(() => window.Reveal.getTotalSlides() === 4);
    await page.close();
  });

  it('survives every broken input of the bad-input corpus, then recovers', async () => {
    const { page, errors } = await openDeck(browser, server.resolvedUrls!.local[0]!);
    const panel = page.locator('#deck-errors');
    for (const name of readdirSync('tests/fixtures/bad')) {
      const expected = readFileSync(`tests/fixtures/bad/${name}/expected.txt`, 'utf8').split('\n')[0]!;
      // Paths inside messages differ between the fixture folder and the dev server's copy.
      const located = expected.replaceAll(`tests/fixtures/bad/${name}/`, '').split(' (looked for')[0]!;
      const shown = async () => (await panel.innerText()).replaceAll(`${tmp.path}/`, '').replaceAll(`${relative(process.cwd(), tmp.path)}/`, '');
      // The fixture's own files (data, sources) come along, so its first error is the one it was written for.
      const extras = readdirSync(`tests/fixtures/bad/${name}`).filter((f) => f !== 'deck.md' && f !== 'expected.txt');
      for (const extra of extras) cpSync(`tests/fixtures/bad/${name}/${extra}`, join(tmp.path, extra), { recursive: true });
      writeFileSync(file, readFileSync(`tests/fixtures/bad/${name}/deck.md`));
      await expect.poll(async () => (await panel.count()) > 0 && (await shown()).includes(located), { timeout: 15_000, message: name }).toBe(true);
      expect(await page.locator('.slides h1').first().innerText(), `${name}: last good deck kept`).toBe('First slide');
      writeFileSync(file, original);
      for (const extra of extras) rmSync(join(tmp.path, extra), { recursive: true, force: true });
      await expect.poll(() => panel.count(), { timeout: 15_000, message: `${name}: recovery` }).toBe(0);
    }
    expect(errors.join('\n')).toBe('');
    await page.close();
  });
});
