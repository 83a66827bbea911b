import type { DeckIssue } from '../compile/errors.ts';
import type { Deck, SlideInfo } from '../compile/types.ts';
import { writeAtomic } from './write-atomic.ts';
import { evaluateJson } from './evaluate-json.ts';
import { boxHalos } from './halo.ts';
import { HANDOUT_CSS, layoutHandout } from './handout.ts';
import { loadCompactor } from './pdf-compact.ts';
import { pageCount, withInfo } from './pdf-info.ts';
import { deckFileProblem } from './out-guard.ts';
import { layoutPrintPages, PRINT_LAYOUT_CSS, type PrintPage, type PrintSlide } from './print-layout.ts';
import { heartbeat, type Progress } from '../browser/progress.ts';
import { collectGarbage, exportInitScript, waitForAssets, waitForPrintView } from '../browser/ready.ts';
import { layoutStaticPrint, staticPrint } from './static-print.ts';
import { withSession, type SessionOptions } from '../browser/session.ts';
import { slideNumbers } from './slide-number.ts';
import { countedNumber, countedTotal } from '../compile/numbering.ts';

/** What `chokepoint pdf` can make. */
export interface PdfOptions extends SessionOptions {
  out: string;
  /** A notes page after each slide. */
  notes?: boolean;
  /** One A4 sheet per slide: the slide, its notes, header and footer. */
  handout?: boolean;
  /** One page per fragment step instead of one per slide. */
  fragments?: boolean;
}

/** The outcome of an export: the deck's issues when it does not compile, else what was written. */
export type ExportResult = { ok: false; issues: DeckIssue[] } | { ok: true; deck: Deck; pages: number; bytes: number; seconds: number };

/**
 * Exports the deck at `input` to a PDF at `out`: build, serve on loopback, open reveal's print view,
 * wait for its `pdf-ready` signal, fonts and images (no fixed sleeps), then one `page.pdf` call.
 * The file appears at `out` only when complete.
 */
export async function exportPdf(options: PdfOptions, progress: Progress): Promise<ExportResult> {
  const started = performance.now();
  return withSession(options, progress, async (session, cleanup) => {
    const { deck, page, url } = session;
    // Checked once the deck is compiled, before any rendering: a PDF must never replace the deck's own files.
    const clash = deckFileProblem(options.out, deck.files, 'pdf');
    if (clash) return { ok: false, issues: [...deck.issues, clash] };
    const notes = Boolean(options.notes || options.handout);
    // The window stays the deck's size (openSession sets it), the size of every printed page, so the page is laid
    // out and its styles read (the page background copied onto every page, bookmark labels) as page.pdf will print
    // it. In a smaller window (480x270 until now, to save ~5-15 MB of screen buffers) media queries flipped when
    // page.pdf resized the view to the page: a theme's narrow-window rule painted every page, and every style was
    // recomputed and every slide laid out again inside page.pdf (reveal's CSS has `(height<=768px)`, the runtime's
    // `(width<=760px)`). Measured at 300 text slides, in page.pdf: layout 0.27-0.39 s -> 0.05-0.08 s, renderer
    // growth 66 -> 42 MB; the process tree's anonymous memory at its peak 226 -> 205 MB (tests/bench/probes).
    const staticView = staticPrint(deck, { notes, fragments: Boolean(options.fragments) });
    const printView = staticView ? `() => (${layoutStaticPrint.toString()})(${JSON.stringify(staticView)})` : 'undefined';
    await page.addInitScript({ content: `(${exportInitScript.toString()})(${JSON.stringify(PRINT_LAYOUT_CSS)}, ${printView});` });
    // The first layout already uses the print styles page.pdf will use (the static view was measured this way).
    if (staticView) await page.emulateMedia({ media: 'print' });
    progress.phase(`loading ${deck.slides.length} slides in the print view`);
    // margin=0 and no height offset: each page is exactly the slide (1920x1080 px is 1440x810 pt), so no
    // fraction of a pixel at the edges rasterises as a stray line.
    const query = new URLSearchParams({
      'print-pdf': '',
      margin: '0',
      pdfPageHeightOffset: '0',
      pdfSeparateFragments: String(Boolean(options.fragments && !options.handout)),
    });
    if (notes) query.set('showNotes', 'separate-page');
    // No need to wait for `load`: the pdf-ready flag comes later and fonts and images are awaited after it.
    await page.goto(`${url}?${query.toString().replace('print-pdf=', 'print-pdf')}`, { waitUntil: 'commit' });
    // From here to the PDF, every step waits on Chromium, one call each: say every few seconds what it is doing.
    let doing = `still laying out ${deck.slides.length} slides`;
    cleanup.add(heartbeat(progress, () => doing));
    // reveal lays out every slide before it signals: allow for big decks (~20 ms a slide on a busy machine).
    await waitForPrintView(page, 120_000 + 20 * deck.slides.length);
    await waitForAssets(page);
    doing = `still preparing ${deck.slides.length} slides for print`;
    // Notes are fitted by measuring them, with the print styles page.pdf will use. Without notes nothing is
    // measured (page counts come from reveal's inline heights), and switching media would cost a full
    // restyle and layout of every slide that page.pdf then does again.
    if (notes) await page.emulateMedia({ media: 'print' });
    const numbers = slideNumbers(deck);
    const slides = deck.slides.map((s, i): PrintSlide => {
      const before = deck.slides[i - 1];
      return {
        title: s.title,
        v: s.v,
        number: numbers?.[i],
        continued: Boolean(before && before.file === s.file && before.line === s.line && before.title === s.title),
      };
    });
    let { pages, cutNotes } = await evaluateJson(page, layoutPrintPages, { slides, notes });
    if (options.handout) {
      await page.addStyleTag({ content: HANDOUT_CSS });
      const { meta } = deck;
      const handout = await evaluateJson(page, layoutHandout, {
        title: meta.title ?? '',
        byline: [meta.author, meta.date].filter(Boolean).join(' · '),
        about: meta.subtitle ?? meta.description ?? '',
        counts: deck.slides.map((_, i): [number, number] => [countedNumber(deck.slides, i), countedTotal(deck.slides)]),
      });
      pages = Array.from({ length: handout.sheets }, (_, slide): PrintPage => ({ slide, kind: 'slide' }));
      cutNotes = handout.cutNotes;
    }
    await page.evaluate(boxHalos);
    await waitForAssets(page);
    if (!staticView) await collectGarbage(page);
    progress.phase(`rendering ${pages.length} pages`);
    doing = `still rendering ${pages.length} pages in Chromium`;
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      outline: true,
      tagged: true,
      pageRanges: `1-${pages.length}`,
    });
    doing = 'still writing the PDF';
    // The browser's work is done: it shuts down (and frees its memory) while qpdf loads and packs the PDF. Loaded
    // earlier, during page.pdf, qpdf only added its ~15 MB to the export's memory peak and took CPU from Chromium.
    const closing = session.context.close().catch(() => undefined);
    const compactor = loadCompactor();
    const { meta } = deck;
    const full = withInfo(pdf, {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.description ?? meta.subtitle,
      Creator: 'Chokepoint',
    });
    const bytes = (await compactor)?.compact(full) ?? full;
    writeAtomic(options.out, bytes, cleanup);
    await closing;
    const issues = [...deck.issues, ...cutNotes.map((i) => notesCut(deck.slides[i]!, options.handout ? 'its handout sheet, even at 8 pt' : 'its notes page'))];
    return { ok: true, deck: { ...deck, issues }, pages: pageCount(pdf), bytes: bytes.length, seconds: (performance.now() - started) / 1000 };
  });
}

const notesCut = (slide: SlideInfo, where: string): DeckIssue => ({
  file: slide.file,
  line: slide.line,
  severity: 'warning',
  code: 'notes-cut',
  message: `the notes of "${slide.title}" do not fit on ${where}; the end is cut off in the PDF`,
  hint: 'shorten the notes, or split the slide in two',
});
