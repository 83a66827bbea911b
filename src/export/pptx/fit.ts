import { BOLD, CHARS, REGULAR } from './fallback-metrics.ts';
import type { Para, Run } from './types.ts';

/**
 * Sizing text for a viewer without the deck's fonts. PowerPoint and LibreOffice substitute a missing Inter
 * with whatever they have (Arial, Calibri, Helvetica, DejaVu Sans), and most of those are wider: a title that
 * fills its line in Inter runs off the slide in DejaVu Sans. Both viewers honour an explicit size, so each
 * text box is laid out here, word by word, in DejaVu Sans's metrics (the widest of them) and its text is
 * scaled down just enough to keep the browser's number of lines. Text that fits is left at its size.
 */

const EM = 2048;
const index = new Map([...CHARS].map((c, i) => [c, i]));
/** Monospace fallbacks (DejaVu Sans Mono, Liberation Mono, Courier New) all advance about 0.6 em. */
const MONO_ADVANCE = 0.6021;
/** Characters without a measured width: about a wide letter, so an unknown glyph never fits by luck. */
const UNKNOWN = 0.75;
const MONO = /mono|code|consol|courier|menlo/i;
/** The smallest scale: below it the text would be unreadable, and the viewer's own autofit takes over. */
export const MIN_SCALE = 0.6;

/**
 * Viewers draw a raised or lowered run smaller than its size: LibreOffice at 58 %, PowerPoint at about 2/3.
 * Such runs are written at their browser size over this, so they show at about the size the deck has.
 */
export const SCRIPT = 0.62;

/**
 * Width of `text` in px when set in the fallback font at the run's size. A raised or lowered run counts at
 * the size it is written at: LibreOffice breaks lines as if it were drawn that large.
 */
export function textWidth(text: string, run: Pick<Run, 'font' | 'size' | 'bold' | 'sup' | 'sub'>): number {
  const size = (run.size ?? 16) / (run.sup || run.sub ? SCRIPT : 1);
  if (run.font && MONO.test(run.font)) return [...text].length * MONO_ADVANCE * size;
  const table = run.bold ? BOLD : REGULAR;
  let units = 0;
  for (const c of text) {
    const i = index.get(c);
    units += i === undefined ? UNKNOWN * EM : table[i]!;
  }
  return (units / EM) * size;
}

/** The lines one paragraph takes in a box `width` px wide (breaking at spaces only, as the most cautious viewer). */
export function lineCount(para: Para, width: number, wrap: boolean): { lines: number; widest: number } {
  const avail = width - (para.bullet ? (para.indent ?? 40) * ((para.level ?? 0) + 1) : 0);
  let lines = 1;
  let x = 0;
  let pendingSpace = 0;
  let widest = 0;
  // Where the word being set began on its line: a word split across runs ("V4-" bold, "Flash" not) breaks as one.
  let wordStart: number | undefined;
  const place = (w: number) => {
    const glued = pendingSpace === 0 && wordStart !== undefined;
    const start = glued ? wordStart! : x + pendingSpace;
    const end = x + pendingSpace + w;
    if (wrap && end > avail && start > 0) {
      // The whole word moves to a new line.
      lines++;
      x = end - start;
      wordStart = 0;
    } else {
      wordStart = start;
      x = end;
    }
    pendingSpace = 0;
    widest = Math.max(widest, x);
  };
  for (const run of para.runs) {
    // LibreOffice makes a link a field, which it never breaks at its spaces: a link wider than what is left
    // of the line starts a new one; wider than a line, it is cut wherever the line ends, and what follows
    // it starts another line.
    if (run.link && wrap && run.text.trim()) {
      const w = textWidth(run.text.trim(), run);
      if (/^ /.test(run.text)) pendingSpace += textWidth(' ', run);
      if (w > avail) {
        lines += (x > 0 ? 1 : 0) + Math.ceil(w / avail) - 1;
        // Its last line counts as full: the next word wraps.
        x = avail;
        widest = Math.max(widest, avail);
        pendingSpace = 0;
        wordStart = undefined;
      } else {
        place(w);
      }
      if (/ $/.test(run.text)) {
        pendingSpace += textWidth(' ', run);
        wordStart = undefined;
      }
      continue;
    }
    for (const piece of run.text.split(/( +)/)) {
      if (piece === '') continue;
      if (/^ +$/.test(piece)) {
        pendingSpace += textWidth(piece, run);
        wordStart = undefined;
      } else {
        place(textWidth(piece, run));
      }
    }
    if (run.br) {
      lines++;
      x = 0;
      pendingSpace = 0;
      wordStart = undefined;
    }
  }
  return { lines, widest };
}

/** Height in px the paragraphs take at `scale`, or Infinity when a line (or word) is wider than the box. */
export function textHeight(paras: Para[], width: number, wrap: boolean, scale: number): number {
  let height = 0;
  for (const [i, p] of paras.entries()) {
    const scaled = scalePara(p, scale);
    const { lines, widest } = lineCount(scaled, width, wrap);
    const avail = width - (p.bullet ? (p.indent ?? 40) * ((p.level ?? 0) + 1) : 0);
    if (widest > avail + 0.5) return Infinity;
    height += (i > 0 ? (scaled.before ?? 0) : 0) + lines * (scaled.lineHeight ?? (scaled.runs[0]?.size ?? 16) * 1.2);
  }
  return height;
}

/**
 * The largest scale (1, 0.98, 0.96 ... MIN_SCALE) at which the paragraphs fit `width` x `height` px in the
 * fallback font. `height` is the browser's own text height, so the text keeps the lines the deck has.
 */
export function fitScale(paras: Para[], width: number, height: number, wrap: boolean): number {
  for (let s = 1; s >= MIN_SCALE; s = Math.round((s - 0.02) * 100) / 100) {
    if (textHeight(paras, width, wrap, s) <= height + 1) return s;
  }
  return MIN_SCALE;
}

/** A paragraph with its text sizes, line height and spacing multiplied by `scale`. */
export function scalePara(p: Para, scale: number): Para {
  if (scale === 1) return p;
  const times = (v: number | undefined) => (v === undefined ? undefined : v * scale);
  return {
    ...p,
    lineHeight: times(p.lineHeight),
    before: times(p.before),
    runs: p.runs.map((r) => ({ ...r, size: times(r.size) })),
  };
}
