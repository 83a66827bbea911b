// The README's pictures (assets/readme/*.png), each a slide, PDF page or handout sheet of a deck in the repo,
// rendered by the fidelity harness's own renderers (tests/fidelity/render.ts): what the README shows is what
// the harness checks. `npm run readme-pictures` rewrites them (tests/fidelity/readme.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { readPng, writePngBytes } from './image-diff.ts';
import * as render from './render.ts';

/** One picture: which deck, which slide (by its title), and how it is taken. */
export interface Picture {
  file: string;
  deck: string;
  title: RegExp;
  /** `slide` (default): the slide in the browser, at half size; `pdf`/`handout`: that page of the export. */
  kind?: 'slide' | 'pdf' | 'handout';
  /** For a slide: show fragments up to this index (0 is the first step after the start); all when absent. */
  fragment?: number;
  /** For a PDF page or handout sheet: the picture's size. */
  size?: { width: number; height: number };
}

const CHARTS = 'tests/fixtures/decks/charts';
const AUTHORING = 'tests/fixtures/decks/authoring';
const LIGHT = 'tests/fixtures/decks/light';
const STARTER = 'assets/starter';

/** Every picture the README shows that this script makes. */
export const PICTURES: Picture[] = [
  { file: 'slide-chart.png', deck: 'slides', title: /data-centre sales/ },
  { file: 'slide-title.png', deck: 'slides', title: /^Chokepoint$/ },
  { file: 'slide-text.png', deck: 'slides', title: /^V4 runs on Ascend/ },
  { file: 'pdf-page.png', deck: 'slides', title: /data-centre sales/, kind: 'pdf', size: { width: 1040, height: 585 } },
  { file: 'handout-page.png', deck: 'slides', title: /data-centre sales/, kind: 'handout', size: { width: 496, height: 702 } },
  { file: 'chart-line.png', deck: CHARTS, title: /^Line chart$/ },
  { file: 'chart-column.png', deck: CHARTS, title: /^Column chart$/ },
  { file: 'chart-bar.png', deck: CHARTS, title: /^Bar chart$/ },
  { file: 'chart-stacked.png', deck: CHARTS, title: /^Stacked chart/ },
  { file: 'chart-scatter.png', deck: CHARTS, title: /^Scatter chart$/ },
  { file: 'chart-timeline.png', deck: CHARTS, title: /^Timeline chart$/ },
  { file: 'code-steps.png', deck: AUTHORING, title: /^Stepped code$/, fragment: 0 },
  { file: 'math.png', deck: AUTHORING, title: /^Math$/ },
  { file: 'columns.png', deck: AUTHORING, title: /^Columns$/ },
  { file: 'diagram-flowchart.png', deck: AUTHORING, title: /^Diagram$/ },
  { file: 'diagram-sequence.png', deck: AUTHORING, title: /^Sequence$/ },
  { file: 'diagram-timeline.png', deck: AUTHORING, title: /^Timeline$/ },
  { file: 'theme-light.png', deck: LIGHT, title: /^Text and emphasis$/ },
  { file: 'theme-light-chart.png', deck: LIGHT, title: /^A chart$/ },
  { file: 'starter-big-number.png', deck: STARTER, title: /^The one number$/ },
  { file: 'starter-columns.png', deck: STARTER, title: /^Two columns$/ },
];

/**
 * Pictures in assets/readme/ this script does not make yet: the speaker console, a PowerPoint chart in
 * LibreOffice, the chart-emphasis pictures of issue 22 (made from a demo deck that is not in the repo), and the
 * montages of several slides of tests/fixtures/decks/images and layouts (this script makes one slide a picture).
 */
export const MADE_ELSEWHERE = [
  'console.png',
  'pptx-chart.png',
  'images.png',
  'layouts-dark.png',
  'layouts-light.png',
  'chart-dumbbell.png',
  'chart-highlight.png',
  'chart-direct-labels.png',
  'chart-column-labels.png',
  'chart-timeline-today.png',
  'chart-log-axis.png',
];

/** Halves a picture by averaging each 2x2 block (the README shows 1920x1080 slides at 960x540). */
export function half(src: PNG): PNG {
  const out = new PNG({ width: Math.floor(src.width / 2), height: Math.floor(src.height / 2) });
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      for (let c = 0; c < 4; c++) {
        const at = (dx: number, dy: number) => src.data[((2 * y + dy) * src.width + 2 * x + dx) * 4 + c]!;
        out.data[(y * out.width + x) * 4 + c] = Math.round((at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4);
      }
    }
  }
  return out;
}

/** Renders every picture into `outDir` (one build and one browser page per deck); returns the files written. */
export async function renderPictures(outDir: string, pictures: readonly Picture[] = PICTURES): Promise<string[]> {
  const work = mkdtempSync(join(tmpdir(), 'chokepoint-readme-'));
  const browser = await render.launchBrowser();
  const written: string[] = [];
  try {
    for (const deck of [...new Set(pictures.map((p) => p.deck))]) {
      const dir = join(work, String(written.length));
      // The chart fixtures read the shared test data beside them, as `--allow-dir` lets a deck.
      const built = await render.build(deck, dir, deck === CHARTS ? ['tests/fixtures/charts/data'] : []);
      const mine = pictures.filter((p) => p.deck === deck);
      const index = (p: Picture) => {
        const i = built.deck.slides.findIndex((s) => p.title.test(s.title));
        if (i < 0) throw new Error(`${p.file}: no slide of ${deck} has a title matching ${p.title}`);
        return i;
      };
      const server = await (await import('../../src/browser/serve.ts')).serveStatic(built.dir);
      const page = await render.openView(browser, server.url, built);
      try {
        for (const p of mine.filter((x) => (x.kind ?? 'slide') === 'slide')) {
          const png = half(readPng(await shoot(page, built, index(p), p.fragment)));
          written.push(save(outDir, p.file, png));
        }
      } finally {
        await page.close();
        await server.close();
      }
      for (const kind of ['pdf', 'handout'] as const) {
        const wanted = mine.filter((x) => x.kind === kind);
        if (wanted.length === 0) continue;
        const file = await render.pdf(deck, dir, kind === 'pdf' ? 'slides' : 'handout');
        for (const p of wanted) written.push(save(outDir, p.file, render.rasterisePdf(file, p.size!, [index(p) + 1])[0]!));
      }
    }
    return written;
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The slide at `index`, fragments up to `fragment` (all when absent). */
async function shoot(page: Page, built: render.Built, index: number, fragment?: number): Promise<Buffer> {
  const { h, v } = built.deck.slides[index]!;
  if (fragment === undefined) return (await render.shootSlides(page, built, [index]))[0]!;
  await page.evaluate(
    async ({ h, v, f }) => {
      (window as unknown as { Reveal: { slide(h: number, v: number, f: number): void } }).Reveal.slide(h, v, f);
      await document.fonts.ready;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    },
    { h, v, f: fragment },
  );
  return render.screenshot(page);
}

function save(dir: string, file: string, png: PNG): string {
  const path = join(dir, file);
  writeFileSync(path, writePngBytes(png));
  return path;
}
