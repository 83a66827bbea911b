import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serveStatic } from '../../src/browser/serve.ts';
import { buildAndServe, launchBrowser, tempDir, type Browser, type Page } from './helpers.ts';

// reveal-md's defaults: the separators it hands to reveal.js's markdown plugin.
const REVEAL_MD = { separator: '\\r?\\n---\\r?\\n', verticalSeparator: '\\r?\\n----\\r?\\n', notesSeparator: '^\\s*[Nn]otes?:' };

interface Shape {
  text: string;
  notes: string;
  fragments: number;
  background: string | null;
}

/** What a visitor sees of each slide: stacks of slides with their text, notes and fragment count. */
function shapeOf(page: Page): Promise<Shape[][]> {
  return page.evaluate(() => {
    const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const slide = (s: Element) => {
      const clone = s.cloneNode(true) as Element;
      clone.querySelectorAll('aside.notes').forEach((a) => a.remove());
      return {
        text: norm(clone.textContent),
        notes: norm(s.querySelector('aside.notes')?.textContent),
        fragments: s.querySelectorAll('.fragment').length,
        background: s.getAttribute('data-background-color'),
      };
    };
    return [...document.querySelectorAll('.reveal .slides > section')].map((top) => {
      const children = [...top.querySelectorAll(':scope > section')];
      return children.length > 0 ? children.map(slide) : [slide(top)];
    });
  });
}

/** Renders a deck with reveal.js's own markdown plugin, configured as reveal-md configures it. */
async function revealMarkdownShape(browser: Browser, file: string): Promise<Shape[][]> {
  const source = readFileSync(file, 'utf8');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const settings = { ...REVEAL_MD, ...(fm ? (parse(fm[1]!) as Record<string, string>) : {}) };
  const body = fm ? source.slice(fm[0].length) : source;
  const dir = tempDir('chokepoint-revealmd-');
  for (const f of ['reveal.mjs', 'plugin/markdown.mjs']) copyFileSync(join('node_modules/reveal.js/dist', f), join(dir.path, f.replace('plugin/', '')));
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  writeFileSync(
    join(dir.path, 'index.html'),
    `<!doctype html><html><body><div class="reveal"><div class="slides">
<section data-markdown data-separator="${attr(settings.separator)}" data-separator-vertical="${attr(settings.verticalSeparator)}" data-separator-notes="${attr(settings.notesSeparator)}">
<textarea data-template>${body.replace(/<\/textarea>/g, '')}</textarea></section></div></div>
<script type="module">
import Reveal from './reveal.mjs';
import Markdown from './markdown.mjs';
Reveal.initialize({ plugins: [Markdown] }).then(() => { document.body.dataset.ready = '1'; });
</script></body></html>`,
  );
  const server = await serveStatic(dir.path);
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
  const shape = await shapeOf(page);
  await page.close();
  await server.close();
  dir.remove();
  return shape;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('reveal-md compatibility', () => {
  it.each(['talk.md', 'custom-separators.md'])('builds %s to the slides, stacks, notes and fragments reveal.js gives', async (name) => {
    const file = `tests/fixtures/reveal-md/${name}`;
    const site = await buildAndServe(file);
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForSelector('.reveal.ready');
    const ours = await shapeOf(page);
    await page.close();
    await site.close();
    const theirs = await revealMarkdownShape(browser, file);
    expect(ours.map((s) => s.length)).toEqual(theirs.map((s) => s.length));
    expect(ours).toEqual(theirs);
  });
});
