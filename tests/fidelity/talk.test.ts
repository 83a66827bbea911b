// The fidelity harness on the talk itself (slides/): its PDF pages and its PNGs against the talk in the
// browser, slide by slide (issue 21's acceptance: pages 5, 23 and 30 had unreadable timelines, page 2 a
// title that wrapped in the PDF only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THRESHOLDS } from './compare.ts';
import { expectClose, subject, type Subject } from './harness.ts';
import * as render from './render.ts';

let s: Subject;
beforeAll(async () => {
  s = await subject('slides');
}, 180_000);
afterAll(async () => {
  await s?.close();
});

describe('fidelity of the talk (slides/)', () => {
  it('PDF: each page looks like its slide in the browser', async () => {
    const file = await render.pdf(s.input, s.work, 'slides');
    expect(render.pdfPageCount(file)).toBe(s.refs.length);
    expectClose('talk-pdf', s.refs, render.rasterisePdf(file, s.built.size), THRESHOLDS.pdf);
  });

  it('PNG export: each image is its slide', async () => {
    expectClose('talk-png', s.refs, await render.pngExport(s.input, s.work), THRESHOLDS.screen);
  });
});
