// What the fidelity test files share: a deck's reference made once, and each output compared with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PNG } from 'pngjs';
import { readPng } from './image-diff.ts';
import { expect } from 'vitest';
import { compareSlides, failures, worst, type SlideScore, type Threshold } from './compare.ts';
import * as render from './render.ts';

export const PROBE = 'tests/fixtures/decks/fidelity';

/** One deck under test: its build, its reference pictures, a browser and a work folder. */
export interface Subject {
  input: string;
  work: string;
  browser: render.Browser;
  built: render.Built;
  /** The reference pictures, decoded once (every output is compared with them). */
  refs: PNG[];
  close(): Promise<void>;
}

/** Builds `input` once, opens one browser and makes the reference. */
export async function subject(input: string, browser?: render.Browser): Promise<Subject> {
  const work = mkdtempSync(join(tmpdir(), 'chokepoint-fidelity-'));
  const own = !browser;
  const b = browser ?? (await render.launchBrowser());
  const built = await render.build(input, work);
  const refs = (await render.reference(b, built)).map(readPng);
  return {
    input,
    work,
    browser: b,
    built,
    refs,
    async close() {
      if (own) await b.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Compares, logs the worst scores (the numbers the README and reports quote), and asserts the threshold. */
export function expectClose(
  label: string,
  refs: readonly (Buffer | PNG)[],
  outputs: readonly (Buffer | PNG)[],
  threshold: Threshold,
  slides?: readonly number[],
): SlideScore[] {
  const scores = compareSlides(label, refs, outputs, threshold, slides);
  const top = worst(scores);
  console.log(
    `fidelity ${label}: ${scores.length} slides, worst ${threshold.tile}px tile ${(top.worstTile * 100).toFixed(2)}% (slide ${top.slide + 1}), worst ratio ${(top.ratio * 100).toFixed(3)}%, worst chrome tile ${(top.chrome * 100).toFixed(2)}%`,
  );
  expect(failures(label, scores)).toEqual([]);
  return scores;
}
