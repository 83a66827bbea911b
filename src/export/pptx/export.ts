import type { Page } from 'playwright-core';
import type { DeckIssue } from '../../compile/errors.ts';
import type { Deck } from '../../compile/types.ts';
import { writeAtomic } from '../write-atomic.ts';
import { deckFileProblem } from '../out-guard.ts';
import type { Progress } from '../../browser/progress.ts';
import { withSession, type SessionOptions } from '../../browser/session.ts';
import { Pptx, type Slide } from './pptxgen.ts';
import { addNativeChart, decodeChart, extraSelectors } from './chart.ts';
import { installHelpers } from './page-helpers.ts';
import { scanChart } from './scan-chart.ts';
import { scanSlide } from './scan.ts';
import { addShape, addTable, addText } from './slide.ts';
import type { SlideScan } from './types.ts';
import { units, type Units } from './units.ts';
import { repairPptx, type PptxFixes } from './repair.ts';

/** What `chokepoint pptx` needs. */
export interface PptxOptions extends SessionOptions {
  out: string;
}

/** The deck's issues when it does not compile, else what was written. */
export type PptxResult =
  | { ok: false; issues: DeckIssue[] }
  | { ok: true; deck: Deck; slides: number; charts: number; pictures: number; bytes: number; seconds: number };

// Exactly the slide, at once: no margin, chrome or transitions; fragments are shown by navigation.
const QUERY = 'transition=none&backgroundTransition=none&autoAnimate=false&margin=0&controls=false&progress=false&hash=false';
const STILL = '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }';

/**
 * Exports the deck at `input` as a PowerPoint file at `out`: builds and serves it, walks every slide in
 * Chromium (fragments in their final state) and rebuilds each one from what the browser laid out: text as
 * text boxes, tables as tables, charts as native charts with their data, the rest as pictures of just that part.
 */
export async function exportPptx(options: PptxOptions, progress: Progress): Promise<PptxResult> {
  const started = performance.now();
  return withSession(options, progress, async ({ deck, page, url }, cleanup) => {
    // Checked before any rendering: the export must never replace one of the deck's own files.
    const clash = deckFileProblem(options.out, deck.files, 'pptx');
    if (clash) return { ok: false, issues: [...deck.issues, clash] };
    const { meta } = deck;
    const total = deck.slides.length;
    progress.phase(`loading ${total} slides`);
    await page.goto(`${url}?${QUERY}`, { waitUntil: 'commit' });
    await page.waitForSelector('.reveal.ready');
    await page.addStyleTag({ content: STILL });
    await page.evaluate(installHelpers, meta.width);

    const u = units(meta.width, meta.height);
    const pptx = new Pptx();
    pptx.defineLayout({ name: 'DECK', width: u.width, height: u.height });
    pptx.layout = 'DECK';
    if (meta.title) pptx.title = meta.title;
    if (meta.author) pptx.author = meta.author;
    const subject = meta.subtitle ?? meta.description;
    if (subject) pptx.subject = subject;
    pptx.company = 'Chokepoint';

    progress.phase(`converting ${total} slides`);
    const counts = { charts: 0, pictures: 0 };
    const fixes: PptxFixes = { markers: [], logX: [] };
    for (const [index, info] of deck.slides.entries()) {
      const scan = await page.evaluate(scanSlide, { h: info.h, v: info.v, index });
      const slide = pptx.addSlide();
      fixes.markers.push([]);
      await fillSlide(slide, pptx, scan, page, u, counts, fixes);
      if (info.notes) slide.addNotes(info.notes);
      progress.step(index + 1, total, 'converting');
    }
    progress.phase('writing the presentation');
    // Stored uncompressed: repairPptx rewrites the archive and compresses it once.
    const written = (await pptx.write({ outputType: 'nodebuffer', compression: false })) as Buffer;
    const bytes = await repairPptx(written, fixes);
    writeAtomic(options.out, bytes, cleanup);
    return { ok: true, deck, slides: total, ...counts, bytes: bytes.length, seconds: (performance.now() - started) / 1000 };
  });
}

/** Adds a scanned slide's items in paint order; charts and pictures take one more look at the page. */
async function fillSlide(
  slide: Slide,
  pptx: Pptx,
  scan: SlideScan,
  page: Page,
  u: Units,
  counts: { charts: number; pictures: number },
  fixes: PptxFixes,
): Promise<void> {
  if (scan.backgroundImage) slide.background = { data: scan.backgroundImage };
  else if (scan.background) slide.background = { color: scan.background.hex };
  // Text boxes may widen up to the slide's text margin on the right, as wide as the leftmost text's on the left.
  const margin = Math.min(...scan.items.flatMap((i) => (i.type === 'text' ? [i.box.x] : [])), u.px.width / 2);
  const placement = { margin, markers: fixes.markers.at(-1)! };
  for (const item of scan.items) {
    switch (item.type) {
      case 'text':
        addText(slide, item, u, placement);
        break;
      case 'rect':
      case 'ellipse':
      case 'line':
        addShape(slide, pptx, item, u);
        break;
      case 'table':
        addTable(slide, item, u);
        break;
      case 'image': {
        const rect = u.rect(item.box);
        // Cover: pptxgenjs crops an image of the file's proportions to the box (w and h give the proportions).
        const cover =
          item.cover && item.cover.w > 0
            ? { w: rect.w, h: (rect.w * item.cover.h) / item.cover.w, sizing: { type: 'cover' as const, w: rect.w, h: rect.h } }
            : {};
        slide.addImage({ data: item.data, ...rect, ...cover, altText: item.alt });
        break;
      }
      case 'picture': {
        const png = await page.locator(`[data-pptx-shot="${item.shot}"]`).screenshot({ omitBackground: true, animations: 'disabled' });
        slide.addImage({ data: `image/png;base64,${png.toString('base64')}`, ...u.rect(item.box), altText: item.alt });
        counts.pictures++;
        break;
      }
      case 'chart': {
        const data = decodeChart(item.data);
        const measured = await page.evaluate(scanChart, { shot: item.shot, ...extraSelectors(data.kind) });
        for (const shape of measured.under) addShape(slide, pptx, shape, u);
        if (addNativeChart(slide, data, item.box, measured, u)) {
          counts.charts++;
          // pptxgenjs writes a log scale on the value axis only: the repair puts it on a scatter's x axis too.
          if (data.kind === 'scatter' && data.xScale === 'log') fixes.logX.push(lastChartFile(slide));
        }
        for (const extra of measured.extras) {
          if (extra.type === 'text') addText(slide, extra, u, { ...placement, wrapping: false });
          else addShape(slide, pptx, extra, u);
        }
        break;
      }
    }
  }
}

/** The part name pptxgenjs gave the chart just added to `slide` (its counter is global to the process). */
function lastChartFile(slide: Slide): string {
  const charts = (slide as unknown as { _relsChart: { fileName: string }[] })._relsChart;
  return charts.at(-1)!.fileName;
}
