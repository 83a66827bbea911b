// Slide-by-slide comparison of an output with the reference, with the thresholds of the harness and the
// pictures written on failure.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PNG } from 'pngjs';
import { compareImages, describeDiff, writeDiffImages, writePngBytes, type ImageDiff } from './image-diff.ts';

/** How far an output may stray from the reference, per slide. */
export interface Threshold {
  /** Largest share of differing pixels in any 48 px tile. */
  worstTile: number;
  /** Largest share of differing pixels over the slide. */
  ratio: number;
}

/**
 * Screenshots of the same build (served, file://, single file, present) should be the same pixels; what
 * varies is Chromium's text antialiasing at a tile's edge. Measured on the probe deck and the talk:
 * 0 on all four. A PDF goes through another rasteriser (poppler) and PDF fonts: measured worst tile
 * up to ~14 % (the sources list's small text), ratio up to ~4 %. A defect the issue lists is a whole
 * word or box: 25 %+ of a tile.
 */
export const THRESHOLDS = {
  screen: { worstTile: 0.02, ratio: 0.001 },
  pdf: { worstTile: 0.22, ratio: 0.05 },
} satisfies Record<string, Threshold>;

/** Where failing comparisons leave their pictures (`FIDELITY_OUT` or the system's temp folder). */
export const FAILURE_DIR = process.env.FIDELITY_OUT ?? join(tmpdir(), 'chokepoint-fidelity');

/** One slide's comparison. */
export interface SlideScore {
  slide: number;
  diff: ImageDiff;
  pass: boolean;
}

/** Compares each output picture with its reference; failing slides get their three pictures under `FAILURE_DIR/<label>/`. */
export function compareSlides(label: string, references: readonly Buffer[], outputs: readonly (Buffer | PNG)[], threshold: Threshold, slides?: readonly number[]): SlideScore[] {
  if (references.length !== outputs.length) throw new Error(`${label}: ${outputs.length} pictures for ${references.length} reference slides`);
  return references.map((ref, i) => {
    const out = outputs[i]!;
    const diff = compareImages(ref, out);
    const pass = diff.worstTile <= threshold.worstTile && diff.ratio <= threshold.ratio;
    const slide = slides?.[i] ?? i;
    if (!pass) writeDiffImages(join(FAILURE_DIR, label), `slide-${String(slide + 1).padStart(3, '0')}`, ref, Buffer.isBuffer(out) ? out : writePngBytes(out), diff);
    return { slide, diff, pass };
  });
}

/** The failing slides as readable lines, with where their pictures went; empty when all pass. */
export function failures(label: string, scores: readonly SlideScore[]): string[] {
  return scores.filter((s) => !s.pass).map((s) => `${label} slide ${s.slide + 1}: ${describeDiff(s.diff)} (pictures in ${join(FAILURE_DIR, label)})`);
}

/** The worst scores of a set, for the log: worst tile and ratio. */
export function worst(scores: readonly SlideScore[]): { worstTile: number; ratio: number; slide: number } {
  let top = { worstTile: 0, ratio: 0, slide: 0 };
  for (const s of scores) {
    if (s.diff.worstTile > top.worstTile) top = { ...top, worstTile: s.diff.worstTile, slide: s.slide };
    top.ratio = Math.max(top.ratio, s.diff.ratio);
  }
  return top;
}
