/** viewBox width; the SVG scales to 100% of its box, so all sizes below are in these units. */
export const WIDTH = 1600;
/**
 * Default viewBox height. At 1600x640 a full-width chart renders about 740px tall on a
 * 1920x1080 slide, which leaves room for the heading, a caption and a source line.
 */
export const HEIGHT = 640;
/** Font sizes in viewBox units: at 1600 wide on a 1920 slide they stay above 24px. */
export const FONT = { tick: 24, label: 26 } as const;
/** Breathing room between a mark and its text. */
export const GAP = 12;

/** The plot rectangle inside the viewBox. */
export interface Frame {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// Width of each character relative to the font size, roughly matching Inter; a
// deterministic estimate is enough to keep labels apart and margins honest.
const NARROW = /[iljtfrI.,:;'|!()[\]\s]/;
const WIDE = /[mwMW@%]/;

/** Estimated rendered width of `s` at `size`. */
export function textWidth(s: string, size: number): number {
  let em = 0;
  for (const c of s) {
    if (NARROW.test(c)) em += 0.32;
    else if (WIDE.test(c)) em += 0.86;
    else if (/[A-Z0-9$€£]/.test(c)) em += 0.64;
    else em += 0.55;
  }
  return em * size;
}

/** Breaks `s` at spaces into lines no wider than `max` (a long word keeps its own line). */
export function wrap(s: string, max: number, size: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > max) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

/** Widest of several strings at `size`. */
export function maxWidth(list: readonly string[], size: number): number {
  return list.reduce((m, s) => Math.max(m, textWidth(s, size)), 0);
}

/**
 * Moves labels (wanted centre `y`, height `h`) apart so none overlap, keeping them
 * inside [min, max] and in the same order; returns the new centres.
 */
export function dodge(items: readonly { y: number; h: number }[], min: number, max: number): number[] {
  const order = items.map((_, i) => i).sort((a, b) => items[a]!.y - items[b]!.y || a - b);
  const out = items.map((it) => it.y);
  let prevBottom = min;
  for (const i of order) {
    const half = items[i]!.h / 2;
    out[i] = Math.max(out[i]!, prevBottom + half);
    prevBottom = out[i]! + half;
  }
  let nextTop = max;
  for (const i of [...order].reverse()) {
    const half = items[i]!.h / 2;
    out[i] = Math.min(out[i]!, nextTop - half);
    nextTop = out[i]! - half;
  }
  return out;
}

/** An axis-aligned box, for collision checks between labels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Whether two boxes overlap (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * Boxes bucketed by a coarse grid, so asking whether a label hits any placed box looks only at its neighbours:
 * testing every placed box made labelling n points O(n²).
 */
export class BoxIndex {
  private readonly cells = new Map<string, Box[]>();
  private static readonly CELL = 128;

  constructor(boxes: readonly Box[] = []) {
    for (const b of boxes) this.add(b);
  }

  add(box: Box): void {
    this.each(box, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
    });
  }

  /** Whether `box` overlaps any box added so far. */
  hits(box: Box): boolean {
    let hit = false;
    this.each(box, (key) => {
      hit ||= (this.cells.get(key) ?? []).some((b) => overlaps(b, box));
    });
    return hit;
  }

  private each(box: Box, fn: (key: string) => void): void {
    const c = BoxIndex.CELL;
    // Clamped, so a box far outside the plot (or huge) still visits a bounded number of cells.
    const clamp = (v: number) => Math.max(-4, Math.min(64, Math.floor(v / c)));
    for (let gx = clamp(box.x0); gx <= clamp(box.x1); gx++) for (let gy = clamp(box.y0); gy <= clamp(box.y1); gy++) fn(`${gx},${gy}`);
  }
}
