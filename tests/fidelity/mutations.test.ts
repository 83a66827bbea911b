// The harness has teeth: each defect of issue 21 in its scope is put back through a real mechanism (the
// deck's own stylesheet, `theme: mutation.css`, which every output loads after the theme; `@media print`
// where the defect was the PDF's alone), and the check that guards it must fail. The mutated rules are
// the old code's own where they can be (the halo fill, the print letter spacing, the divider rule, the
// chart font features, the old font subset).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartLabelDiffs, chromeDiffs, signsMissingFromFont } from './checks.ts';
import { compareSlides, THRESHOLDS, worst } from './compare.ts';
import { PROBE } from './harness.ts';
import * as render from './render.ts';

let browser: render.Browser;
let work: string;
beforeAll(async () => {
  browser = await render.launchBrowser();
  work = mkdtempSync(join(tmpdir(), 'chokepoint-mutations-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The probe deck with `css` as its own stylesheet (and `files` beside it), built. */
async function mutated(name: string, css: string, files: Record<string, string | Buffer> = {}): Promise<{ input: string; built: render.Built; dir: string }> {
  const dir = join(work, name);
  const input = render.deckVariant(PROBE, dir, 'deck', { theme: 'mutation.css' }, { 'mutation.css': css, ...files });
  return { input, built: await render.build(input, dir), dir };
}

/** The PDF of a mutated deck against that deck's own reference, on `slides` (0-based): the worst scores. */
async function pdfScores(name: string, css: string, slides: number[]) {
  const deck = await mutated(name, css);
  const page = await render.openView(browser, pathToFileURL(join(deck.built.dir, 'index.html')).href, deck.built);
  const refs = await render.shootSlides(page, deck.built, slides).finally(() => page.close());
  const file = await render.pdf(deck.input, deck.dir, 'slides');
  const scores = compareSlides(
    `mutation-${name}`,
    refs,
    render.rasterisePdf(
      file,
      deck.built.size,
      slides.map((i) => i + 1),
    ),
    THRESHOLDS.pdf,
    slides,
  );
  const top = worst(scores);
  console.log(
    `fidelity mutation ${name}: worst tile ${(top.worstTile * 100).toFixed(2)}% (slide ${top.slide + 1}), worst ratio ${(top.ratio * 100).toFixed(3)}%, worst chrome tile ${(top.chrome * 100).toFixed(2)}%; passing slides ${
      scores
        .filter((s) => s.pass)
        .map((s) => s.slide + 1)
        .join(', ') || 'none'
    }`,
  );
  return scores;
}

describe('fidelity mutations: each defect put back makes its check fail', () => {
  it('halo boxes in the series colour (the old fill) fail the PDF comparison on the timeline', async () => {
    const scores = await pdfScores('halo', '@media print { .chart-svg .series rect { fill: var(--series) !important; } }', [7]);
    expect(scores.every((s) => !s.pass)).toBe(true);
  });

  it('headings without their letter spacing in print (the old print rule) fail the PDF comparison', async () => {
    const scores = await pdfScores('title-width', '@media print { .reveal h1, .reveal h2, .reveal h3 { letter-spacing: normal; } }', [1, 3]);
    expect(scores.every((s) => !s.pass)).toBe(true);
  });

  it('a page number reading "2" instead of "2 / 13" fails the PDF comparison', async () => {
    const scores = await pdfScores(
      'page-number',
      '@media print { .slide-number-pdf .slide-number-delimiter, .slide-number-pdf .slide-number-b { display: none; } }',
      [1, 3],
    );
    expect(scores.every((s) => !s.pass)).toBe(true);
  });

  it('a page number where the print view used to put it fails the PDF comparison', async () => {
    const scores = await pdfScores(
      'page-number-place',
      '@media print { html.reveal-print .reveal .slide-number-pdf { right: 40px; bottom: 16px; line-height: 1.3; } }',
      [1, 3],
    );
    expect(scores.every((s) => !s.pass)).toBe(true);
  });

  it('the divider rule that lifted the chrome (the old one) fails the section check', async () => {
    const deck = await mutated('section', '.reveal section.title-slide > *, .reveal section.section > * { position: relative; max-width: 1280px; }');
    const page = await render.openView(browser, pathToFileURL(join(deck.built.dir, 'index.html')).href, deck.built);
    const [section, plain] = await render.shootSlides(page, deck.built, [2, 3]).finally(() => page.close());
    const diffs = chromeDiffs(section!, plain!, deck.built.size);
    console.log(
      `fidelity mutation section: footer worst tile ${(diffs.footer!.worstTile * 100).toFixed(1)}%, logo ${(diffs.logo!.worstTile * 100).toFixed(1)}%`,
    );
    expect(diffs.footer!.worstTile).toBeGreaterThan(0.05);
    expect(diffs.logo!.worstTile).toBeGreaterThan(0.05);
  });

  it('tabular figures on every chart label (the old chart rule) fail the label check', async () => {
    const deck = await mutated('label-features', "figure.chart .chart-svg { font-variant-numeric: tabular-nums; font-feature-settings: 'tnum'; }");
    const page = await render.openView(browser, pathToFileURL(join(deck.built.dir, 'index.html')).href, deck.built);
    try {
      const labels = await chartLabelDiffs(page, deck.built, 7);
      const failing = labels.filter((l) => l.diff.worstTile > 0.02);
      console.log(
        `fidelity mutation label-features: ${failing.length} of ${labels.length} timeline labels differ, worst 16px tile ${(Math.max(...labels.map((l) => l.diff.worstTile)) * 100).toFixed(1)}%`,
      );
      // Lines are tspans: their texts run together ("open" + "weights").
      expect(failing.map((l) => l.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^R1-0528/), expect.stringMatching(/^Chip-to-chip/)]));
    } finally {
      await page.close();
    }
  });

  it('the old Inter subset (without ≈ ≤ ≥ →) as the text font fails the glyph check', async () => {
    // Declared under its own name: a second 'Inter' face would only be consulted first, the shipped one filling its gaps.
    const old = readFileSync('tests/fixtures/fonts/inter-400-latin-without-signs.woff2');
    const css =
      "@font-face { font-family: 'Inter before 21'; src: url('old-inter.woff2') format('woff2'); }\n:root { --r-main-font: 'Inter before 21', system-ui, sans-serif; }";
    const deck = await mutated('subset', css, { 'old-inter.woff2': old });
    const page = await render.openView(browser, pathToFileURL(join(deck.built.dir, 'index.html')).href, deck.built);
    try {
      const found = await signsMissingFromFont(page, '≈≤≥→÷−×');
      console.log(`fidelity mutation subset: ${found.family} lacks ${found.missing.join(' ')}`);
      expect(found.missing.sort()).toEqual(['→', '≈', '≤', '≥'].sort());
    } finally {
      await page.close();
    }
  });
});
