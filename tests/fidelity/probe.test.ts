// The fidelity harness on the probe deck (tests/fixtures/decks/fidelity: every chart kind, code steps,
// math, diagrams, layouts, an image, footer and logo, a section divider), dark theme: every output
// compared with the deck in Chromium, slide by slide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { PNG } from 'pngjs';
import { chartLabelDiffs, chromeDiffs, signsMissingFromFont } from './checks.ts';
import { THRESHOLDS } from './compare.ts';
import { describeDiff } from './image-diff.ts';
import { expectClose, PROBE, subject, type Subject } from './harness.ts';
import * as render from './render.ts';

let s: Subject;
let pdfPages: PNG[] = [];
// Slides of the probe deck the checks below single out (0-based).
const SECTION = 2;
const PLAIN = 3;
const TIMELINE = 7;
const SCATTER = 6;
const SIGNS = '≈≤≥→÷−×';
beforeAll(async () => {
  s = await subject(PROBE);
}, 180_000);
afterAll(async () => {
  await s?.close();
});

describe('fidelity of the probe deck (dark)', () => {
  it('PDF: each page looks like its slide in the browser (halos, titles, page numbers)', async () => {
    const file = await render.pdf(s.input, s.work, 'slides');
    expect(render.pdfPageCount(file)).toBe(s.refs.length);
    pdfPages = render.rasterisePdf(file, s.built.size);
    expectClose('probe-pdf', s.refs, pdfPages, THRESHOLDS.pdf);
  });

  it('the section divider keeps its footer and logo where every other slide has them (screen and PDF)', () => {
    for (const [label, pictures] of [
      ['reference', s.refs],
      ['pdf', pdfPages],
    ] as const) {
      if (pictures.length === 0) continue;
      for (const [box, diff] of Object.entries(chromeDiffs(pictures[SECTION]!, pictures[PLAIN]!, s.built.size))) {
        console.log(`fidelity section chrome ${label} ${box}: ${describeDiff(diff)}`);
        expect(diff.worstTile, `${label}: the divider's ${box} differs from a content slide's: ${describeDiff(diff)}`).toBeLessThanOrEqual(CHROME_TILE);
      }
    }
  });

  it("chart labels are text: no tabular hyphens or raised colons; the signs ≈ ≤ ≥ → ÷ − × are Inter's own", async () => {
    const page = await render.openView(s.browser, pathToFileURL(`${s.built.dir}/index.html`).href, s.built);
    try {
      expect(await signsMissingFromFont(page, SIGNS)).toEqual({ family: 'Inter', missing: [] });
      for (const index of [TIMELINE, SCATTER]) {
        const labels = await chartLabelDiffs(page, s.built, index);
        expect(labels.length).toBeGreaterThan(0);
        const worst = Math.max(...labels.map((l) => l.diff.worstTile));
        console.log(
          `fidelity chart labels slide ${index + 1}: ${labels.length} labels, worst 16px tile ${(worst * 100).toFixed(1)}% against the same text without tnum/calt`,
        );
        expect(labels.filter((l) => l.diff.worstTile > LABEL_TILE).map((l) => `${l.text}: ${describeDiff(l.diff)}`)).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });

  it('PDF --notes: slide, then its notes page, for every slide; the slide pages look like the slides', async () => {
    const file = await render.pdf(s.input, s.work, 'notes');
    const n = s.refs.length;
    expect(render.pdfPageCount(file)).toBe(2 * n);
    const slidePages = Array.from({ length: n }, (_, i) => 2 * i + 1);
    for (let i = 0; i < n; i++) expect(render.pdfPageText(file, 2 * i + 2)).toContain(`${i + 1} / ${n}`);
    expectClose('probe-pdf-notes', s.refs, render.rasterisePdf(file, s.built.size, slidePages), THRESHOLDS.pdf);
  });

  it('PDF --fragments: one page per step; the last step of each slide looks like the slide', async () => {
    const file = await render.pdf(s.input, s.work, 'fragments');
    // Steps per slide, read from the built deck: each slide's pages end with its final state.
    const steps = await stepsPerSlide(s);
    const total = steps.reduce((a, b) => a + b, 0);
    expect(render.pdfPageCount(file)).toBe(total);
    const last = steps.map((_, i) => steps.slice(0, i + 1).reduce((a, b) => a + b, 0));
    expectClose('probe-pdf-fragments', s.refs, render.rasterisePdf(file, s.built.size, last), THRESHOLDS.pdf);
  });

  it('PDF --handout: one A4 sheet per slide, in order, each with its slide title', async () => {
    const file = await render.pdf(s.input, s.work, 'handout');
    expect(render.pdfPageCount(file)).toBe(s.refs.length);
    for (const [i, slide] of s.built.deck.slides.entries()) {
      const words = slide.title.split(/\s+/).slice(0, 3).join(' ');
      expect(render.pdfPageText(file, i + 1).replace(/\s+/g, ' ')).toContain(words);
    }
  });

  it('PNG export: each image is its slide', async () => {
    expectClose('probe-png', s.refs, await render.pngExport(s.input, s.work), THRESHOLDS.screen);
  });

  it('the build opened from file:// shows the same slides', async () => {
    expectClose('probe-file', s.refs, await render.fromFile(s.browser, s.built), THRESHOLDS.screen);
  });

  it('the single file (build --single-file) opened from file:// shows the same slides', async () => {
    expectClose('probe-single-file', s.refs, await render.singleFile(s.browser, s.built, s.work), THRESHOLDS.screen);
  });

  it('the `present` audience page, moved by the presenter, shows the same slides', async () => {
    expectClose('probe-present', s.refs, await render.presentAudience(s.browser, s.built), THRESHOLDS.screen);
  });
});

/** Chrome boxes are the same pixels when the chrome is in place (measured 0); moved, its text or logo fills 6 %+ of a 16 px tile. */
const CHROME_TILE = 0.05;
/** A label drawn without the fonts' number and contextual features is the same pixels; with them, a hyphen or colon moves. */
const LABEL_TILE = 0.02;

/** Pages `--fragments` gives each slide: none shown, then one per fragment step (reveal's print view); one without fragments. */
async function stepsPerSlide(subject: Subject): Promise<number[]> {
  const page = await subject.browser.newPage();
  try {
    await page.goto(`file://${subject.built.dir}/index.html?${render.VIEW_QUERY}`);
    await page.waitForSelector('.reveal.ready');
    return await page.evaluate(
      (slides) =>
        slides.map(({ h, v }) => {
          const reveal = (window as unknown as { Reveal: { getSlide(h: number, v: number): HTMLElement } }).Reveal;
          const slide = reveal.getSlide(h, v);
          const indices = new Set(Array.from(slide.querySelectorAll('.fragment')).map((f) => f.getAttribute('data-fragment-index')));
          return indices.size === 0 ? 1 : indices.size + 1;
        }),
      subject.built.deck.slides.map(({ h, v }) => ({ h, v })),
    );
  } finally {
    await page.close();
  }
}
