// The fidelity harness's renderers: each turns a deck into one picture per slide (or per PDF page) through
// the same code a user runs: the build served or opened from file://, the single file, the `present`
// audience page, `chokepoint pdf` and `chokepoint png`. The README's pictures use them too
// (tests/fidelity/readme-pictures.ts), so what the README shows is what the harness checks.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import WebSocket from 'ws';
import type { Deck } from '../../src/compile/types.ts';
import { launchBrowser } from '../shared-browser.ts';
import { exportPdf } from '../../src/export/pdf.ts';
import { exportPng } from '../../src/export/png.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { serveStatic } from '../../src/browser/serve.ts';
import { buildDeck } from '../../src/node/build.ts';
import { inline } from '../../src/node/single-file.ts';
import { startPresentServer } from '../../src/present/server.ts';

export { launchBrowser };
export type { Browser };

/**
 * Every HTML output is looked at the same way: the slide alone at the deck's size (no margin, controls or
 * progress bar, which belong to the window, not the slide), nothing moving, each slide in its final state.
 * The reference and the outputs differ only in where the page comes from.
 */
export const VIEW_QUERY = 'transition=none&backgroundTransition=none&autoAnimate=false&margin=0&controls=false&progress=false&hash=false';
const STILL = '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }';

/** A built deck: its folder, its compiled form and where its slides are. */
export interface Built {
  dir: string;
  deck: Deck;
  size: { width: number; height: number };
}

/** Builds `input` into `<work>/dist` (once per deck: every HTML output reads this build); `allowDirs` as `--allow-dir`. */
export async function build(input: string, work: string, allowDirs: string[] = []): Promise<Built> {
  const dir = join(work, 'dist');
  const result = await buildDeck(input, dir, { allowDirs });
  if (!result.ok) throw new Error(`build of ${input} failed: ${JSON.stringify(result.deck.issues.filter((i) => i.severity === 'error'))}`);
  return { dir, deck: result.deck, size: { width: result.deck.meta.width, height: result.deck.meta.height } };
}

/** In the page: slide (h, v) with every fragment shown, once its fonts and images are in. */
async function showSlide({ h, v }: { h: number; v: number }): Promise<void> {
  const reveal = (window as unknown as { Reveal: { slide(h: number, v: number, f: number): void; getCurrentSlide(): HTMLElement } }).Reveal;
  reveal.slide(h, v, Number.MAX_SAFE_INTEGER);
  await settle();
  async function settle() {
    const slide = reveal.getCurrentSlide();
    await Promise.all([document.fonts.ready, ...Array.from(slide.querySelectorAll('img')).map((img) => img.decode().catch(() => undefined))]);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
}

/** One screenshot of the page as it is (the viewport, which is the slide). */
export async function screenshot(page: Page): Promise<Buffer> {
  const cdp = await page.context().newCDPSession(page);
  try {
    // Chromium's fastest PNG encoding: larger files, the same pixels.
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false, optimizeForSpeed: true });
    return Buffer.from(shot.data, 'base64');
  } finally {
    await cdp.detach();
  }
}

/** Opens `url` (with {@link VIEW_QUERY}) at the deck's size, ready to show slides. */
export async function openView(browser: Browser, url: string, built: Built): Promise<Page> {
  const page = await browser.newPage({ viewport: built.size });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}${VIEW_QUERY}`);
  await page.waitForSelector('.reveal.ready', { timeout: 60_000 }).catch((e: Error) => {
    throw new Error(`${url} never became ready: ${errors.join('; ') || e.message}`);
  });
  await page.addStyleTag({ content: STILL });
  return page;
}

/** One picture per slide of the deck open in `page`, each slide shown by reveal in its final state. */
export async function shootSlides(page: Page, built: Built, only?: readonly number[]): Promise<Buffer[]> {
  const shots: Buffer[] = [];
  for (const [i, slide] of built.deck.slides.entries()) {
    if (only && !only.includes(i)) continue;
    await page.evaluate(showSlide, { h: slide.h, v: slide.v });
    shots.push(await screenshot(page));
  }
  return shots;
}

/** The reference: the build served over HTTP, in Chromium at the deck's size. */
export async function reference(browser: Browser, built: Built): Promise<Buffer[]> {
  const server = await serveStatic(built.dir);
  try {
    const page = await openView(browser, server.url, built);
    try {
      return await shootSlides(page, built);
    } finally {
      await page.close();
    }
  } finally {
    await server.close();
  }
}

/** The build opened from file:// (a folder copied to a USB stick, double-clicked). */
export async function fromFile(browser: Browser, built: Built): Promise<Buffer[]> {
  const page = await openView(browser, pathToFileURL(join(built.dir, 'index.html')).href, built);
  try {
    return await shootSlides(page, built);
  } finally {
    await page.close();
  }
}

/** `build --single-file`'s HTML (the same inlining the command does, of this build), opened from file://. */
export async function singleFile(browser: Browser, built: Built, work: string): Promise<Buffer[]> {
  const file = join(work, 'deck.html');
  writeFileSync(file, inline(built.dir));
  const page = await openView(browser, pathToFileURL(file).href, built);
  try {
    return await shootSlides(page, built);
  } finally {
    await page.close();
  }
}

/**
 * The `present` audience page, moved the way the presenter moves it: each state sent on the control
 * channel (with the token), the page followed. Every fragment shown (f past the last one).
 */
export async function presentAudience(browser: Browser, built: Built): Promise<Buffer[]> {
  const present = await startPresentServer(built.dir, { host: '127.0.0.1', port: 0 });
  const control = new WebSocket(`${present.audienceUrl.replace(/^http/, 'ws')}control?token=${encodeURIComponent(present.token)}`);
  await new Promise((done, fail) => {
    control.once('open', done);
    control.once('error', fail);
  });
  try {
    const page = await openView(browser, present.audienceUrl, built);
    try {
      const shots: Buffer[] = [];
      for (const slide of built.deck.slides) {
        control.send(JSON.stringify({ type: 'state', state: { h: slide.h, v: slide.v, f: 99_999, paused: false } }));
        await page.waitForFunction(
          ({ h, v }) => {
            const at = (window as unknown as { Reveal: { getIndices(): { h: number; v: number } } }).Reveal.getIndices();
            return at.h === h && at.v === v;
          },
          { h: slide.h, v: slide.v },
          { timeout: 10_000 },
        );
        await page.evaluate(async () => {
          await document.fonts.ready;
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        });
        shots.push(await screenshot(page));
      }
      return shots;
    } finally {
      await page.close();
    }
  } finally {
    control.close();
    await present.close();
  }
}

/** What `chokepoint pdf` is asked for. */
export type PdfKind = 'slides' | 'notes' | 'handout' | 'fragments';

/** `chokepoint pdf` of `input`, into `<work>/<kind>.pdf`; returns the file. */
export async function pdf(input: string, work: string, kind: PdfKind): Promise<string> {
  const out = join(work, `${kind}.pdf`);
  const result = await exportPdf({ input, out, notes: kind === 'notes', handout: kind === 'handout', fragments: kind === 'fragments' }, silentProgress);
  if (!result.ok) throw new Error(`pdf ${kind} of ${input} failed: ${JSON.stringify(result.issues)}`);
  return out;
}

/**
 * The pages of a PDF (1-based numbers in `pages`, all when omitted) rasterised by poppler at exactly
 * `size` pixels: a page of the deck's size maps pixel for pixel onto the reference.
 */
export function rasterisePdf(file: string, size: { width: number; height: number }, pages?: readonly number[]): PNG[] {
  const dir = join(file, '..', `${file.split('/').pop()}-pages`);
  mkdirSync(dir, { recursive: true });
  const want = pages ?? Array.from({ length: pdfPageCount(file) }, (_, i) => i + 1);
  // One poppler run over the span asked for; PPM is ~5x faster to write and read than PNG.
  const [first, last] = [Math.min(...want), Math.max(...want)];
  execFileSync('/usr/bin/pdftoppm', [
    '-f',
    String(first),
    '-l',
    String(last),
    '-scale-to-x',
    String(size.width),
    '-scale-to-y',
    String(size.height),
    file,
    join(dir, 'p'),
  ]);
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.ppm'))
    .sort();
  const byNumber = new Map(files.map((n) => [Number(/-(\d+)\.ppm$/.exec(n)![1]), join(dir, n)]));
  return want.map((n) => readPpm(readFileSync(byNumber.get(n)!)));
}

/** The number of pages, from pdfinfo. */
export function pdfPageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))![1]);
}

/** The text of page `n` (1-based). */
export const pdfPageText = (file: string, n: number) =>
  execFileSync('/usr/bin/pdftotext', ['-f', String(n), '-l', String(n), '-layout', file, '-'], { encoding: 'utf8' });

/** A binary PPM (P6, maxval 255) as an RGBA PNG. */
export function readPpm(bytes: Buffer): PNG {
  let at = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09) at++;
    const start = at;
    while (![0x20, 0x0a, 0x0d, 0x09].includes(bytes[at]!)) at++;
    fields.push(bytes.subarray(start, at).toString('latin1'));
  }
  at++;
  const [width, height] = [Number(fields[1]), Number(fields[2])];
  if (fields[0] !== 'P6' || fields[3] !== '255') throw new Error(`not an 8-bit P6 PPM: ${fields.join(' ')}`);
  const png = new PNG({ width, height });
  for (let i = 0, j = at; i < width * height; i++, j += 3) {
    png.data[4 * i] = bytes[j]!;
    png.data[4 * i + 1] = bytes[j + 1]!;
    png.data[4 * i + 2] = bytes[j + 2]!;
    png.data[4 * i + 3] = 255;
  }
  return png;
}

/** `chokepoint png` of `input` into `<work>/png`: its images, in slide order. */
export async function pngExport(input: string, work: string): Promise<Buffer[]> {
  const out = join(work, 'png');
  const result = await exportPng({ input, out }, silentProgress);
  if (!result.ok) throw new Error(`png of ${input} failed: ${JSON.stringify(result.issues)}`);
  return readdirSync(out)
    .filter((n) => n.endsWith('.png'))
    .sort()
    .map((n) => readFileSync(join(out, n)));
}

/**
 * A copy of the deck at `input` in `<work>/<name>`, its front matter changed by `front` (a key: value
 * per entry, replacing the key where the deck has it) and `files` added beside it: the light-theme
 * variant of the probe deck, and the mutations that put a defect back through the deck's own stylesheet.
 */
export function deckVariant(input: string, work: string, name: string, front: Record<string, string>, files: Record<string, string | Buffer> = {}): string {
  const dir = join(work, name);
  cpSync(input, dir, { recursive: true });
  const md = readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()[0]!;
  let text = readFileSync(join(dir, md), 'utf8');
  const end = text.indexOf('\n---', 4);
  let head = text.slice(0, end);
  for (const [key, value] of Object.entries(front)) {
    const line = `${key}: ${value}`;
    head = new RegExp(`^${key}:.*$`, 'm').test(head) ? head.replace(new RegExp(`^${key}:.*$`, 'm'), line) : `${head}\n${line}`;
  }
  text = head + text.slice(end);
  writeFileSync(join(dir, md), text);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}
