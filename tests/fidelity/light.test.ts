// The fidelity harness on the probe deck in the light theme (the same deck, front matter `theme: light`):
// the PDF and PNG against the browser, and the divider's chrome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeDiffs } from './checks.ts';
import { THRESHOLDS } from './compare.ts';
import { expectClose, PROBE, subject, type Subject } from './harness.ts';
import { describeDiff } from './image-diff.ts';
import * as render from './render.ts';

let s: Subject;
let variants: string;
beforeAll(async () => {
  variants = mkdtempSync(join(tmpdir(), 'chokepoint-fidelity-light-'));
  s = await subject(render.deckVariant(PROBE, variants, 'light', { theme: 'light' }));
}, 180_000);
afterAll(async () => {
  await s?.close();
  if (variants) rmSync(variants, { recursive: true, force: true });
});

describe('fidelity of the probe deck (light theme)', () => {
  it('PDF: each page looks like its slide in the browser', async () => {
    const file = await render.pdf(s.input, s.work, 'slides');
    const pages = render.rasterisePdf(file, s.built.size);
    expectClose('light-pdf', s.refs, pages, THRESHOLDS.pdf);
    for (const [box, diff] of Object.entries(chromeDiffs(pages[2]!, pages[3]!, s.built.size))) {
      expect(diff.worstTile, `the PDF divider's ${box}: ${describeDiff(diff)}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('PNG export: each image is its slide', async () => {
    expectClose('light-png', s.refs, await render.pngExport(s.input, s.work), THRESHOLDS.screen);
  });
});
