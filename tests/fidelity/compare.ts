// Slide-by-slide comparison of an output with the reference, with the thresholds of the harness and the
// pictures written on failure.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PNG } from 'pngjs';
import { CHROME_BOXES, crop } from './checks.ts';
import { compareImages, describeDiff, readPng, writeDiffImages, writePngBytes, type ImageDiff } from './image-diff.ts';

/** How far an output may stray from the reference, per slide. */
export interface Threshold {
  /** Side of the square tiles the worst tile is taken over, in pixels. */
  tile: number;
  /** Largest share of differing pixels in any tile. */
  worstTile: number;
  /** Largest share of differing pixels over the slide. */
  ratio: number;
  /** Largest share of differing pixels in any 16 px tile of the chrome (footer, logo, page number): exact on every output. */
  chrome: number;
}

/**
 * Screenshots of the same build (served, file://, single file, present, PNG export) are the same pixels:
 * measured 0 on the probe deck (dark and light) and the talk. A PDF goes through another rasteriser
 * (poppler) and draws halos as boxes: after the one-pixel shift allowance, measured worst 24 px tile 4.2 %
 * on the probe (a halo box over the timeline), ratio under 0.01 %; its chrome 3.1 % (the logo's own text).
 * The defects of issue 21 are whole words, boxes or numbers: a halo box 78 %, a wrapped title 50 %, a page
 * number "2" for "2 / 13" 6-11 % of a chrome tile (tests/fidelity/mutations.test.ts).
 */
export const THRESHOLDS = {
  screen: { tile: 24, worstTile: 0.01, ratio: 0.0005, chrome: 0.01 },
  pdf: { tile: 24, worstTile: 0.08, ratio: 0.002, chrome: 0.045 },
} satisfies Record<string, Threshold>;

/** Where failing comparisons leave their pictures (`FIDELITY_OUT` or the system's temp folder). */
export const FAILURE_DIR = process.env.FIDELITY_OUT ?? join(tmpdir(), 'chokepoint-fidelity');

/** One slide's comparison. */
export interface SlideScore {
  slide: number;
  diff: ImageDiff;
  /** The chrome box (footer, logo, number) that differs most, and how. */
  chrome: { name: string; diff: ImageDiff };
  pass: boolean;
}

/** Compares each output picture with its reference; failing slides get their three pictures under `FAILURE_DIR/<label>/`. */
export function compareSlides(
  label: string,
  references: readonly (Buffer | PNG)[],
  outputs: readonly (Buffer | PNG)[],
  threshold: Threshold,
  slides?: readonly number[],
): SlideScore[] {
  if (references.length !== outputs.length) throw new Error(`${label}: ${outputs.length} pictures for ${references.length} reference slides`);
  const bytes = (p: Buffer | PNG) => (Buffer.isBuffer(p) ? p : writePngBytes(p));
  return references.map((ref, i) => {
    const out = outputs[i]!;
    const a = Buffer.isBuffer(ref) ? readPng(ref) : ref;
    const b = Buffer.isBuffer(out) ? readPng(out) : out;
    // A PDF goes through poppler: a glyph edge one pixel over is the same picture (image-diff.ts).
    const diff = compareImages(a, b, { tile: threshold.tile, shift: 1 });
    const chrome = Object.entries(CHROME_BOXES({ width: a.width, height: a.height }))
      .map(([name, box]) => ({ name, diff: compareImages(crop(a, box), crop(b, box), { tile: 16, shift: 1 }) }))
      .reduce((w, c) => (c.diff.worstTile > w.diff.worstTile ? c : w));
    const pass = diff.worstTile <= threshold.worstTile && diff.ratio <= threshold.ratio && chrome.diff.worstTile <= threshold.chrome;
    const slide = slides?.[i] ?? i;
    if (!pass) writeDiffImages(join(FAILURE_DIR, label), `slide-${String(slide + 1).padStart(3, '0')}`, bytes(ref), bytes(out), diff);
    return { slide, diff, chrome, pass };
  });
}

/** The failing slides as readable lines, with where their pictures went; empty when all pass. */
export function failures(label: string, scores: readonly SlideScore[]): string[] {
  return scores
    .filter((s) => !s.pass)
    .map(
      (s) =>
        `${label} slide ${s.slide + 1}: ${describeDiff(s.diff)}; chrome (${s.chrome.name}): ${describeDiff(s.chrome.diff)} (pictures in ${join(FAILURE_DIR, label)})`,
    );
}

/** The worst scores of a set, for the log: worst tile, ratio and chrome tile. */
export function worst(scores: readonly SlideScore[]): { worstTile: number; ratio: number; chrome: number; slide: number } {
  let top = { worstTile: 0, ratio: 0, chrome: 0, slide: 0 };
  for (const s of scores) {
    if (s.diff.worstTile > top.worstTile) top = { ...top, worstTile: s.diff.worstTile, slide: s.slide };
    top.ratio = Math.max(top.ratio, s.diff.ratio);
    top.chrome = Math.max(top.chrome, s.chrome.diff.worstTile);
  }
  return top;
}
