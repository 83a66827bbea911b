import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, writeIssue } from '../node/write-error.ts';
import { slugify } from '../compile/html.ts';
import type { SlideInfo } from '../compile/types.ts';
import { stageFile } from './write-atomic.ts';
import type { ExportResult } from './pdf.ts';
import { deckReference, takenNameProblem } from './png-guard.ts';
import { PNG_MANIFEST, replacePngs } from './png-manifest.ts';
import type { Progress } from '../browser/progress.ts';
import { withSession, type SessionOptions } from '../browser/session.ts';

/** What `chokepoint png` needs. */
export interface PngOptions extends SessionOptions {
  /** Folder for the images; created when missing. */
  out: string;
  /** Replace files at the images' names that are not this deck's images, and another deck's images. */
  force?: boolean;
}

// Exactly the slide, at once: no margin around it, no chrome, no transitions to wait out, URL left alone.
const QUERY = 'transition=none&backgroundTransition=none&autoAnimate=false&margin=0&controls=false&progress=false&hash=false';
// Fragments fade in with CSS transitions that reveal's `transition` setting does not cover: switch them all off.
const STILL = '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }';
const TABS = 2;

/** The file name of slide `index` (0-based) of `count`: `001-<title-slug>.png`. */
export function pngName(slide: SlideInfo, index: number, count: number): string {
  return `${String(index + 1).padStart(Math.max(3, String(count).length), '0')}-${slugify(slide.title)}.png`;
}

/**
 * Writes one PNG per slide at the deck's size, fragments in their final state: the deck loads once per tab
 * and navigates slide to slide (no reloads, no fixed waits). Images an earlier export recorded
 * (in the folder's manifest) and this one did not write are removed; nothing else in the folder is touched.
 */
export async function exportPng(options: PngOptions, progress: Progress): Promise<ExportResult> {
  const started = performance.now();
  return withSession(options, progress, async (session, cleanup) => {
    const { deck, context, url } = session;
    const { width, height } = deck.meta;
    const total = deck.slides.length;
    // Before anything renders: an image must never replace a file of the author's (see png-guard.ts).
    const taken = options.force
      ? undefined
      : takenNameProblem(
          options.out,
          deck.slides.map((s, i) => pngName(s, i, total)),
        );
    if (taken) return { ok: false, issues: [...deck.issues, taken] };
    progress.phase(`loading ${total} slides`);
    // PNG encoding dominates (~70 ms a slide here) and runs per tab: two tabs take turns, about 30% faster on 2 cores.
    const tabs = await Promise.all(
      Array.from({ length: Math.min(TABS, total) }, async (_, tab) => {
        const page = tab === 0 ? session.page : await context.newPage();
        if (tab > 0) await page.setViewportSize({ width, height });
        await page.goto(`${url}?${QUERY}`, { waitUntil: 'commit' });
        // Generous: a 20,000-slide deck, or a machine busy with other browsers, takes a while to be ready.
        await page.waitForSelector('.reveal.ready', { timeout: 120_000 + 20 * total });
        await page.addStyleTag({ content: STILL });
        // Chromium's own capture skips Playwright's per-shot bookkeeping (about a fifth of the time per slide).
        return { page, cdp: await context.newCDPSession(page) };
      }),
    );
    progress.phase(`rendering ${total} images into ${options.out}`);
    const fresh = !existsSync(options.out);
    const written = new Map<string, string>();
    let bytes = 0;
    let next = 0;
    let failure: unknown;
    await Promise.all(
      tabs.map(async ({ page, cdp }) => {
        try {
          for (let i = next++; i < total && failure === undefined; i = next++) {
            const slide = deck.slides[i]!;
            await page.evaluate(showSlide, { h: slide.h, v: slide.v });
            const shot = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
            const png = Buffer.from(shot.data, 'base64');
            const name = pngName(slide, i, total);
            // Staged beside its place: the set moves in only once every image is written (a full disk leaves the old set).
            written.set(name, stageFile(join(options.out, name), png, cleanup));
            bytes += png.length;
            progress.step(written.size, total, 'rendering');
          }
        } catch (e) {
          failure ??= e;
        }
      }),
    );
    if (failure !== undefined) {
      if (!errorCode(failure)) throw failure;
      // Nothing of the set has moved in: take the staged images back out, and a folder this export made, once empty.
      for (const tmp of written.values()) rmSync(tmp, { force: true });
      if (fresh) {
        try {
          rmdirSync(options.out);
        } catch {
          /* something else is in it */
        }
      }
      return { ok: false, issues: [...deck.issues, writeIssue(options.out, failure, 'the images', 'the folder was left as it was')] };
    }
    try {
      replacePngs(options.out, written, cleanup, deckReference(options.out, options.input));
    } catch (e) {
      if (!errorCode(e)) throw e;
      return { ok: false, issues: [...deck.issues, writeIssue(options.out, e, 'the images', `the images in the folder are listed in ${PNG_MANIFEST}`)] };
    }
    return { ok: true, deck, pages: written.size, bytes, seconds: (performance.now() - started) / 1000 };
  });
}

/** In the page: goes to slide (h, v) with every fragment shown, then waits for its fonts and images. */
async function showSlide({ h, v }: { h: number; v: number }): Promise<void> {
  // The node build does not see the runtime's global declaration of window.Reveal.
  const reveal = (window as unknown as { Reveal: { slide(h: number, v: number, f: number): void; getCurrentSlide(): HTMLElement } }).Reveal;
  reveal.slide(h, v, Number.MAX_SAFE_INTEGER);
  const slide = reveal.getCurrentSlide();
  const images = Array.from(slide.querySelectorAll('img')).map((img) => img.decode().catch(() => undefined));
  const background = /url\("?([^")]+)"?\)/.exec(
    document.querySelector<HTMLElement>('.slide-background.present .slide-background-content')?.style.backgroundImage ?? '',
  )?.[1];
  if (background)
    images.push(
      Object.assign(new Image(), { src: background })
        .decode()
        .catch(() => undefined),
    );
  await Promise.all([document.fonts.ready, ...images]);
}
