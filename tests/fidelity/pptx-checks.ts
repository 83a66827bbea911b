// The fidelity harness's PowerPoint checks: what a raster cannot judge, read from the .pptx's XML and from
// the PDF LibreOffice makes of it (pdftotext's word boxes). Each check returns its findings as sentences
// naming the slide; an empty list passes.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type JSZip from 'jszip';
import { part, slideNumbers } from '../browser/pptx-tools.ts';

/** A word (or line) as pdftotext places it, in PDF points from the page's top left. */
export interface Placed {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One PDF page: its size, lines and words. */
export interface PdfPage {
  width: number;
  height: number;
  lines: (Placed & { words: Placed[] })[];
}

/**
 * Converts PowerPoint files to PDF with LibreOffice in one run (its start-up is most of the cost), with a
 * private profile so a second soffice on the machine does not share it. Returns the seconds it took.
 */
export function convertWithLibreOffice(soffice: string, files: string[], outDir: string, profile: string): number {
  const started = performance.now();
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files];
  const run = spawnSync(soffice, args, { encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) throw new Error(`soffice failed (${run.status}): ${run.stderr}`);
  return (performance.now() - started) / 1000;
}

/** The PDF that {@link convertWithLibreOffice} wrote for `pptx`. */
export const pdfOf = (pptx: string, outDir: string) => join(outDir, basename(pptx).replace(/\.pptx$/, '.pdf'));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x?[\da-f]+|\w+);/gi, (_, e: string) =>
    e.startsWith('#') ? String.fromCodePoint(Number(e.startsWith('#x') ? `0${e.slice(1)}` : e.slice(1))) : (ENTITIES[e] ?? `&${e};`),
  );
const box = (attrs: string) => {
  const n = (k: string) => Number(new RegExp(`${k}="([-\\d.]+)"`).exec(attrs)![1]);
  return { x0: n('xMin'), y0: n('yMin'), x1: n('xMax'), y1: n('yMax') };
};

/**
 * Every page of a PDF with its lines and words, from `pdftotext -bbox-layout`. pdftotext drops what lies
 * wholly outside the page, so it reads a copy whose pages are three times as wide and tall (qpdf), centred
 * on the real one: words past the slide's edge keep their place, in the real page's coordinates.
 */
export function pdfPages(pdf: string, scratch: string): PdfPage[] {
  const qdf = join(scratch, `${basename(pdf)}.qdf`);
  const wide = join(scratch, `${basename(pdf)}.wide.pdf`);
  const q = spawnSync('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf], { encoding: 'utf8' });
  if (q.status !== 0) throw new Error(`qpdf failed: ${q.stderr}`);
  const sizes: [number, number][] = [];
  const grown = readFileSync(qdf, 'latin1').replace(
    /\/MediaBox \[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g,
    (_, x0: string, y0: string, x1: string, y1: string) => {
      const [w, h] = [Number(x1) - Number(x0), Number(y1) - Number(y0)];
      sizes.push([w, h]);
      return `/MediaBox [ ${Number(x0) - w} ${Number(y0) - h} ${Number(x1) + w} ${Number(y1) + h} ]`;
    },
  );
  writeFileSync(qdf, grown, 'latin1');
  // fix-qdf rewrites the cross-reference table for the changed lengths.
  const fixed = spawnSync('fix-qdf', [qdf], { maxBuffer: 256 << 20 });
  if (fixed.status !== 0) throw new Error(`fix-qdf failed: ${fixed.stderr}`);
  writeFileSync(wide, fixed.stdout);
  const run = spawnSync('pdftotext', ['-bbox-layout', wide, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout
    .split('<page ')
    .slice(1)
    .map((page, i) => {
      const [width, height] = sizes[i] ?? sizes[0]!;
      const at = (attrs: string) => {
        const b = box(attrs);
        return { x0: b.x0 - width, x1: b.x1 - width, y0: b.y0 - height, y1: b.y1 - height };
      };
      const lines = [...page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map((l) => {
        const words = [...l[2]!.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => ({ ...at(w[1]!), text: decode(w[2]!) }));
        return { ...at(l[1]!), text: words.map((w) => w.text).join(' '), words };
      });
      return { width, height, lines };
    });
}

/** A slide part's paragraphs: the text of each <a:p>, in order. */
export function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => [...p[1]!.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => decode(t[1]!)).join(''));
}

/** Every slide part of the presentation, in slide order. */
export async function slideParts(zip: JSZip): Promise<string[]> {
  return Promise.all(slideNumbers(zip).map(async (n) => (await part(zip, `ppt/slides/slide${n}.xml`))!));
}

/** Words outside their slide: every word box (text boxes, tables and charts alike) must lie on the page. */
export function wordsOutside(pages: PdfPage[]): string[] {
  const found: string[] = [];
  for (const [i, page] of pages.entries()) {
    for (const w of page.lines.flatMap((l) => l.words)) {
      if (w.x0 < -0.5 || w.y0 < -0.5 || w.x1 > page.width + 0.5 || w.y1 > page.height + 0.5) {
        found.push(
          `slide ${i + 1}: "${w.text}" is outside the slide (${w.x0.toFixed(0)}-${w.x1.toFixed(0)} x ${w.y0.toFixed(0)}-${w.y1.toFixed(0)} of ${page.width.toFixed(0)} x ${page.height.toFixed(0)})`,
        );
      }
    }
  }
  return found;
}

/**
 * Lines of text drawn over each other (a subtitle that wraps into the line below): two lines of similar
 * size that overlap by more than a third of their height. Raised and lowered runs are smaller, so a
 * superscript over its base line does not count.
 */
export function overlappingLines(pages: PdfPage[], slides: string[]): string[] {
  const found: string[] = [];
  for (const [i, page] of pages.entries()) {
    // Only the slide's own text boxes: a chart's tick labels meeting at its corner are the chart's business.
    const own = paragraphsOf(slides[i] ?? '')
      .join('')
      .replace(/\s+/g, '');
    const lines = page.lines.filter((l) => l.text.replace(/\s+/g, '').length >= 4 && own.includes(l.text.replace(/\s+/g, '')));
    for (let a = 0; a < lines.length; a++) {
      for (let b = a + 1; b < lines.length; b++) {
        const [p, q] = [lines[a]!, lines[b]!];
        const hp = p.y1 - p.y0;
        const hq = q.y1 - q.y0;
        if (Math.min(hp, hq) < 0.8 * Math.max(hp, hq)) continue;
        const dy = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
        const dx = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
        if (dx > 1 && dy > Math.min(hp, hq) / 3) found.push(`slide ${i + 1}: "${p.text.slice(0, 40)}" overlaps "${q.text.slice(0, 40)}"`);
      }
    }
  }
  return found;
}

/**
 * A code block's lines as their own lines: in the slide part each source line is the text of one paragraph
 * (after its line number and at least one space, when numbered), and in the PDF each is one line.
 */
export function codeLineProblems(slide: string, page: PdfPage, lines: string[], numbered: boolean): string[] {
  const found: string[] = [];
  const paras = paragraphsOf(slide);
  const shown = page.lines.map((l) => l.text.replace(/\s+/g, ' ').trim());
  for (const [n, line] of lines.entries()) {
    const want = numbered ? new RegExp(`^\\s*${n + 1} +${escape(line)}$`) : new RegExp(`^${escape(line)}$`);
    if (!paras.some((p) => want.test(p))) found.push(`code line ${n + 1} is not a paragraph of its own${numbered ? ' after its number' : ''}: ${line}`);
    const squeezed = line.replace(/\s+/g, ' ').trim();
    const drawn = numbered ? new RegExp(`^${n + 1} ${escape(squeezed)}$`) : new RegExp(`^${escape(squeezed)}$`);
    if (squeezed && !shown.some((l) => drawn.test(l))) found.push(`code line ${n + 1} is not a line of its own in LibreOffice: ${squeezed}`);
  }
  if (!/typeface="JetBrains Mono" pitchFamily="49"/.test(slide)) found.push('the code is not set in a fixed-pitch face');
  if (/<p:txBody><a:bodyPr wrap="square"[^>]*>(?:(?!<\/p:txBody>)[\s\S])*JetBrains Mono/.test(slide)) found.push('the code box wraps');
  return found;
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A scatter chart part whose axes should both be log: each of its two value axes carries c:logBase. */
export function logAxisProblems(chart: string): string[] {
  const axes = [...chart.matchAll(/<c:valAx>([\s\S]*?)<\/c:valAx>/g)].map((m) => m[1]!);
  return axes.flatMap((axis) => {
    const pos = /<c:axPos val="(\w)"\/>/.exec(axis)?.[1];
    return /<c:logBase val="10"\/>/.test(axis) ? [] : [`the ${pos === 'b' ? 'x' : 'y'} axis is linear`];
  });
}

/** `base` followed by `exponent` as a raised run (baseline > 0), as a real superscript keeps it. */
export function superscriptProblems(slide: string, base: string, exponent: string): string[] {
  const runs = [...slide.matchAll(/<a:r><a:rPr ([^>]*)>[\s\S]*?<a:t>([^<]*)<\/a:t><\/a:r>/g)].map((m) => ({ attrs: m[1]!, text: decode(m[2]!) }));
  const i = runs.findIndex((r, k) => r.text.endsWith(base) && runs[k + 1]?.text === exponent);
  if (i < 0) return [`no run "${exponent}" after "${base}"`];
  const raised = Number(/baseline="(-?\d+)"/.exec(runs[i + 1]!.attrs)?.[1] ?? 0);
  return raised > 0 ? [] : [`"${exponent}" after "${base}" is not raised (baseline ${raised})`];
}

/** Every bulleted paragraph's marker in `hex`. */
export function markerColourProblems(slide: string, hex: string): string[] {
  const ppr = [...slide.matchAll(/<a:pPr\b[^>]*>((?:(?!<\/a:pPr>)[\s\S])*?)<a:buChar /g)].map((m) => m[1]!);
  if (ppr.length === 0) return ['no bulleted paragraph'];
  return ppr.flatMap((p, k) => (p.includes(`<a:buClr><a:srgbClr val="${hex}"/></a:buClr>`) ? [] : [`bullet ${k + 1}'s marker is not ${hex}`]));
}

/**
 * A citation marker's size against its line's text in LibreOffice's PDF, as a ratio of word heights: the
 * marker word `marker` and the tallest word of the line it sits at the end of.
 */
export function markerRatio(page: PdfPage, marker: string): number | undefined {
  for (const line of page.lines) {
    const m = line.words.find((w) => w.text === marker);
    if (!m) continue;
    const text = line.words.filter((w) => w !== m && /\w{3,}/.test(w.text));
    if (text.length) return (m.y1 - m.y0) / Math.max(...text.map((w) => w.y1 - w.y0));
  }
  return undefined;
}

/** A text box or table of a slide part: its frame in PDF points, its text without spaces, and where its words meet. */
interface Frame {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
  bounds: Set<number>;
}

const EMU_PER_PT = 12_700;
function framesOf(slide: string): Frame[] {
  // Text boxes and tables (a table's rows grow with their text, so a table can spill too).
  return [...slide.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>|<p:graphicFrame>([\s\S]*?<a:tbl>[\s\S]*?)<\/p:graphicFrame>/g)].flatMap((match) => {
    const m = [match[0], match[1] ?? match[2]] as const;
    const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(m[1]!);
    const words = paragraphsOf(m[1]!)
      .flatMap((p) => p.split(/\s+/))
      .filter(Boolean);
    const text = words.join('');
    if (!off || !text) return [];
    const bounds = new Set([0]);
    words.reduce((at, w) => (bounds.add(at + w.length), at + w.length), 0);
    const [x, y, w, h] = off.slice(1).map((v) => Number(v) / EMU_PER_PT) as [number, number, number, number];
    return [{ x0: x, y0: y, x1: x + w, y1: y + h, text, bounds }];
  });
}

/**
 * What of a box's text is not drawn within its frame (give or take 40 % of a word's height), the drawn
 * characters blanked out: each word of the page inside the frame claims an unclaimed place in the box's
 * text, a whole word of it if it can (so "and" does not take the one in "standard"), else any (LibreOffice
 * breaks a word too long for its line). A box drawn whole leaves nothing, and spilled nothing.
 */
function undrawn(f: Frame, words: Placed[]): string {
  const claimed = new Array<boolean>(f.text.length).fill(false);
  const inside = words.filter((w) => {
    const slack = 0.4 * (w.y1 - w.y0);
    return w.x0 >= f.x0 - 2 && w.x1 <= f.x1 + 2 && w.y0 >= f.y0 - slack && w.y1 <= f.y1 + slack;
  });
  // A numbered list's number is drawn by LibreOffice, not held in the text, and glued to its first word.
  const texts = inside.map((w) => (f.text.includes(w.text) ? w.text : w.text.replace(/^\d+[.)]/, ''))).filter(Boolean);
  const places = (text: string) => {
    const all: number[] = [];
    for (let at = f.text.indexOf(text); at >= 0; at = f.text.indexOf(text, at + 1)) if (!claimed.slice(at, at + text.length).some(Boolean)) all.push(at);
    return all;
  };
  for (const text of texts.sort((a, b) => b.length - a.length)) {
    const free = places(text);
    const at = free.find((p) => f.bounds.has(p) && f.bounds.has(p + text.length)) ?? free[0];
    if (at !== undefined) claimed.fill(true, at, at + text.length);
  }
  return [...f.text].map((c, k) => (claimed[k] ? '\0' : c)).join('');
}

/**
 * Text that spills out of its own box, above or below (the title slide's subtitle wrapping onto a third line
 * over the agenda): each line of the PDF is matched to the nearest text box whose undrawn text holds it and
 * whose frame it starts in, and must lie within that frame, give or take 40 % of a line. Only text a box did
 * not draw within its frame can have spilled from it: a line near a box that repeats words the box drew is
 * another shape's, such as a native chart's tick label ("Dec 2024" under the plot, over a caption that names
 * Dec 2024), which LibreOffice draws from the chart's data and number format, so no slide part holds it.
 */
export function textOutsideBoxes(pages: PdfPage[], slides: string[]): string[] {
  const found: string[] = [];
  for (const [i, page] of pages.entries()) {
    const words = page.lines.flatMap((l) => l.words);
    const frames = framesOf(slides[i] ?? '')
      .map((f) => ({ ...f, text: undrawn(f, words) }))
      .filter((f) => /[^\0]/.test(f.text));
    for (const line of page.lines) {
      const text = line.text.replace(/\s+/g, '');
      if (text.length < 6) continue;
      // Of the boxes that hold this text where the line starts, the nearest one (short texts recur).
      const gap = (f: Frame) => Math.max(0, f.y0 - line.y0, line.y1 - f.y1);
      const f = frames.filter((b) => b.text.includes(text) && line.x0 >= b.x0 - 2 && line.x0 <= b.x1).sort((a, b) => gap(a) - gap(b))[0];
      const height = line.y1 - line.y0;
      // Farther than two lines from any box holding it, the line is someone else's (a chart's tick label).
      if (!f || gap(f) > 2 * height) continue;
      const slack = 0.4 * height;
      if (line.y1 > f.y1 + slack || line.y0 < f.y0 - slack) {
        found.push(
          `slide ${i + 1}: "${line.text.slice(0, 40)}" spills out of its box (line ${line.y0.toFixed(0)}-${line.y1.toFixed(0)}, box ${f.y0.toFixed(0)}-${f.y1.toFixed(0)})`,
        );
      }
    }
  }
  return found;
}

/** `exponent` drawn raised right after `base` in the PDF (a superscript), rather than run into it ("109"). */
export function raisedInPdf(page: PdfPage, base: string, exponent: string): string[] {
  const words = page.lines.flatMap((l) => l.words);
  for (const b of words.filter((w) => w.text.endsWith(base))) {
    const e = words.find((w) => w.text.startsWith(exponent) && Math.abs(w.x0 - b.x1) < 3);
    if (e && e.y1 < b.y1 - 0.15 * (b.y1 - b.y0)) return [];
  }
  return [`"${exponent}" is not drawn raised after "${base}"`];
}
