import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type JSZip from 'jszip';
import { runPdf } from '../../src/commands/export.ts';
import { runPptx } from '../../src/commands/pptx.ts';
import { exportPptx, type PptxResult } from '../../src/export/pptx/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { pdfInfo, pdfText } from './export-tools.ts';
import { tempDir } from './helpers.ts';
import { chartSheet, openPptx, part, readCsv, slideNumbers, textOf, which } from './pptx-tools.ts';

const CHARTS = 'tests/fixtures/decks/charts/deck.md';
const DATA = 'tests/fixtures/charts/data/';
const tmp = tempDir('chokepoint-pptx-');
const file = (name: string) => join(tmp.path, name);
const soffice = which('soffice');

type Done = Extract<PptxResult, { ok: true }>;
let charts: Done;
let talk: Done;
let chartsZip: JSZip;
let talkZip: JSZip;
let textZip: JSZip;
const cliLines: string[] = [];
let cliCode = -1;

beforeAll(async () => {
  const out = { log: (s: string) => void cliLines.push(s), error: (s: string) => void cliLines.push(`error: ${s}`) };
  // Independent exports, each with its own browser, in parallel.
  const [a, b, c, code] = await Promise.all([
    // The charts fixture reads the shared chart data folder beside it, as `--allow-dir` allows.
    exportPptx({ input: CHARTS, allowDirs: [DATA], out: file('charts.pptx') }, silentProgress),
    exportPptx({ input: 'slides', out: file('talk.pptx') }, silentProgress),
    exportPptx({ input: 'tests/fixtures/decks/pptx/deck.md', out: file('text.pptx') }, silentProgress),
    runPptx('tests/fixtures/decks/export/deck.md', { out: file('sub/export.pptx') }, out, silentProgress),
  ]);
  if (!a.ok || !b.ok || !c.ok) throw new Error(`export failed: ${JSON.stringify([a, b, c].find((r) => !r.ok))}`);
  [charts, talk, cliCode] = [a, b, code];
  [chartsZip, talkZip, textZip] = await Promise.all([openPptx(file('charts.pptx')), openPptx(file('talk.pptx')), openPptx(file('text.pptx'))]);
});
afterAll(() => tmp.remove());

/** The chart part whose XML matches `kind`, with its data sheet. */
async function chartOf(kind: RegExp): Promise<{ xml: string; sheet: (string | number)[][] }> {
  const paths = Object.keys(chartsZip.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
  for (const path of paths) {
    const xml = (await part(chartsZip, path))!;
    if (kind.test(xml)) return { xml, sheet: await chartSheet(chartsZip, path) };
  }
  throw new Error(`no chart matches ${kind}`);
}
const column = (sheet: (string | number)[][], i: number) => sheet.slice(1).map((r) => r[i]);

describe('chokepoint pptx', () => {
  it('writes one slide part per slide, vertical stacks flattened, and says what it wrote', async () => {
    expect(slideNumbers(chartsZip)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(slideNumbers(talkZip)).toEqual(talk.deck.slides.map((_, i) => i + 1));
    expect(cliCode, cliLines.join('\n')).toBe(0);
    // The export fixture has 7 slides, one of them below another; its SVG figure becomes a picture.
    expect(cliLines.at(-1)).toMatch(/^Wrote .*export\.pptx: 7 slides, 0 native charts, 1 picture, \d+ bytes \(.* KiB\) in \d+\.\d\d s$/);
    expect(readdirSync(file('sub'))).toEqual(['export.pptx']);
    const exported = await openPptx(file('sub/export.pptx'));
    expect(slideNumbers(exported)).toHaveLength(7);
    expect(Object.keys(exported.files).filter((f) => f.startsWith('ppt/media/')).length).toBeGreaterThanOrEqual(2);
  });

  it('makes five native charts of the right kinds and keeps the timeline as shapes and text', async () => {
    expect(charts.charts).toBe(5);
    expect((await chartOf(/<c:lineChart>/)).xml).toContain('<c:dateAx>');
    expect((await chartOf(/<c:barDir val="col"\/><c:grouping val="clustered"\/>/)).xml).toContain('USD billions');
    expect((await chartOf(/<c:barDir val="bar"\/>/)).xml).toContain('<c:orientation val="maxMin"/>');
    expect((await chartOf(/<c:grouping val="stacked"\/>/)).xml).toContain('USD billions (illustrative)');
    expect((await chartOf(/<c:scatterChart>/)).xml).toContain('Total processing performance (TPP, estimated)');
    const timeline = textOf((await part(chartsZip, 'ppt/slides/slide6.xml'))!);
    // Each label keeps the SVG's line breaks: one paragraph per line.
    for (const line of ['R2: Reuters says', 'DeepSeek wants it out', 'H20: US requires an']) expect(timeline).toContain(line);
    expect(timeline).toContain('26 Jun 2025');
    expect(await part(chartsZip, 'ppt/slides/_rels/slide6.xml.rels')).not.toContain('chart');
  });

  it("fills each chart's data sheet with the values of its CSV, series names and number format", async () => {
    const cap = readCsv(`${DATA}nvidia-market-cap.csv`);
    const line = await chartOf(/<c:lineChart>/);
    expect(line.sheet[0]).toEqual(['', 'Nvidia market value']);
    expect(column(line.sheet, 1)).toEqual(cap.map((r) => Number(r.cap_usd_tn)));
    expect(column(line.sheet, 0)).toEqual(cap.map((r) => Date.parse(r.date!) / 86_400_000 + 25_569));
    expect(line.xml).toContain('formatCode="&quot;$&quot;0.00');

    const revenue = readCsv(`${DATA}nvidia-datacenter-revenue.csv`);
    const columns = await chartOf(/<c:barDir val="col"\/><c:grouping val="clustered"\/>/);
    expect(columns.sheet.slice(1).map((r) => [r[0], r[1]])).toEqual(revenue.map((r) => [r.quarter, Number(r.dc_usd_bn)]));
    expect(columns.sheet[0]![1]).toBe('Data Center revenue');

    const chips = readCsv(`${DATA}chip-comparison.csv`).sort((a, b) => Number(b.tflops_dense) - Number(a.tflops_dense));
    const bars = await chartOf(/<c:barDir val="bar"\/>/);
    expect(bars.sheet.slice(1).map((r) => [r[0], r[1]])).toEqual(chips.map((r) => [r.chip, Number(r.tflops_dense)]));
    expect(bars.xml).toContain('formatCode="#,##0"');

    const mix = (JSON.parse(readFileSync(`${DATA}revenue-mix.json`, 'utf8')) as { data: Record<string, string | number>[] }).data;
    const stacked = await chartOf(/<c:grouping val="stacked"\/>/);
    expect(stacked.sheet[0]).toEqual(['', 'Data Center', 'Gaming', 'Other']);
    expect(stacked.sheet.slice(1)).toEqual(mix.map((r) => [r.year, r.datacenter, r.gaming, r.other]));

    const points = readCsv(`${DATA}export-thresholds.csv`);
    const scatter = await chartOf(/<c:scatterChart>/);
    expect(scatter.sheet.slice(1)).toEqual(points.map((r) => [Number(r.tpp_estimate), Number(r.interconnect_gbs)]));
  });

  it('draws scatter rules, regions and labels as shapes beside the native chart', async () => {
    const slide = (await part(chartsZip, 'ppt/slides/slide5.xml'))!;
    for (const label of ['TPP 4,800', '600 GB/s (2022 rule)', 'Controlled in 2022', 'H100', 'A800']) expect(textOf(slide)).toContain(label);
    expect(slide).toContain('<a:prstDash val="dash"/>');
  });

  it("keeps the talk's titles as slide text and its notes as slide notes", async () => {
    for (const [i, info] of talk.deck.slides.entries()) {
      const text = textOf((await part(talkZip, `ppt/slides/slide${i + 1}.xml`))!).replace(/\s+/g, ' ');
      expect(text, `slide ${i + 1}`).toContain(info.title.replace(/\s+/g, ' '));
      if (!info.notes) continue;
      const rels = (await part(talkZip, `ppt/slides/_rels/slide${i + 1}.xml.rels`))!;
      const notes = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)![1]!;
      expect(textOf((await part(talkZip, `ppt/notesSlides/${notes}`))!).replace(/\s+/g, ' '), `notes of slide ${i + 1}`).toContain(
        info.notes.replace(/\s+/g, ' ').trim(),
      );
    }
    expect(talk.charts).toBeGreaterThanOrEqual(5);
  });

  it('writes editable text: bullets, bold, links, and one paragraph-properties element per paragraph', async () => {
    const slides = await Promise.all(slideNumbers(talkZip).map(async (n) => (await part(talkZip, `ppt/slides/slide${n}.xml`))!));
    const all = slides.join('');
    expect(all).toContain('<a:buChar char="&#x2022;"/>');
    expect(all).toMatch(/<a:rPr [^>]*b="1"/);
    for (const [i, xml] of slides.entries()) {
      for (const p of xml.match(/<a:p>[\s\S]*?<\/a:p>/g) ?? [])
        expect((p.match(/<a:pPr\b/g) ?? []).length, `slide ${i + 1}: ${p.slice(0, 200)}`).toBeLessThanOrEqual(1);
    }
  });

  it('keeps list levels, bold, italic, links and inline code as text runs', async () => {
    const slide = (await part(textZip, 'ppt/slides/slide1.xml'))!;
    expect(textOf(slide)).toContain('First with bold and italic');
    expect(slide).toMatch(/<a:buAutoNum type="arabicPeriod" startAt="1"\/>/);
    expect(slide).toMatch(/<a:pPr [^>]*lvl="1"[^>]*>.*?<a:buChar/);
    expect(slide).toMatch(/<a:rPr [^>]*b="1"[^>]*>[\s\S]*?<a:t>bold<\/a:t>/);
    expect(slide).toMatch(/<a:rPr [^>]*i="1"[^>]*>[\s\S]*?<a:t>italic<\/a:t>/);
    expect(slide).toMatch(/<a:highlight>[\s\S]*?typeface="JetBrains Mono" pitchFamily="49"[\s\S]*?<a:t>inline code<\/a:t>/);
    expect(slide).toMatch(/<a:hlinkClick r:id="(rId\d+)"[\s\S]*?<a:t>link<\/a:t>/);
    expect(await part(textZip, 'ppt/slides/_rels/slide1.xml.rels')).toContain('Target="https://example.com/docs"');
  });

  it('makes tables native and code blocks monospace text boxes with their colours', async () => {
    const table = (await part(textZip, 'ppt/slides/slide2.xml'))!;
    expect(table).toContain('<a:tbl>');
    expect(table.match(/<a:tr /g)).toHaveLength(3);
    expect(textOf(table)).toContain('CHIPTFLOPSH100989H20148');
    const code = (await part(textZip, 'ppt/slides/slide3.xml'))!;
    expect(textOf(code)).toContain('const answer: number = 42; // the answer');
    expect(code).toMatch(/<p:txBody>[\s\S]*typeface="JetBrains Mono"[\s\S]*<a:t>const<\/a:t>/);
    const colours = new Set([...code.matchAll(/<a:rPr [^>]*>\s*<a:solidFill><a:srgbClr val="(\w+)"/g)].map((m) => m[1]));
    expect(colours.size, 'highlighted tokens keep their colours').toBeGreaterThanOrEqual(4);
  });

  it('keeps images as the image files and captures a diagram as a picture of just that element', async () => {
    const media = Object.keys(textZip.files).filter((f) => f.startsWith('ppt/media/') && !textZip.files[f]!.dir);
    const bytes = await Promise.all(media.map((f) => textZip.file(f)!.async('nodebuffer')));
    const swatch = readFileSync('tests/fixtures/decks/pptx/gradient.png');
    expect(bytes.some((b) => b.equals(swatch))).toBe(true);
    // The SVG figure: a PNG about its own size (400x120 CSS px), not the slide's.
    const picture = bytes.find((b) => !b.equals(swatch) && b.subarray(1, 4).toString() === 'PNG')!;
    expect(picture.readUInt32BE(16)).toBe(400);
    expect(Math.abs(picture.readUInt32BE(20) - 120)).toBeLessThanOrEqual(1);
  });

  it('puts the deck title, author and subject into the document properties', async () => {
    const core = (await part(chartsZip, 'docProps/core.xml'))!;
    expect(core).toContain('<dc:title>One chart of each kind</dc:title>');
    expect(core).toContain('<dc:creator>Chokepoint tests</dc:creator>');
    const exported = (await part(await openPptx(file('sub/export.pptx')), 'docProps/core.xml'))!;
    expect(exported).toContain('<dc:subject>Pages, notes and bookmarks</dc:subject>');
  });

  const LIBREOFFICE = 'opens in LibreOffice: one PDF page per slide, charts drawn from their data';
  // Without soffice the check is skipped, and its name says why and how to get it.
  (soffice ? it : it.skip)(
    soffice ? LIBREOFFICE : `${LIBREOFFICE} (skipped: soffice is not installed; apt-get install -y --no-install-recommends libreoffice-impress)`,
    () => {
      // A private profile: a second soffice on the machine (another test run) must not share ours.
      // The talk is opened in LibreOffice by the fidelity harness (tests/fidelity/pptx.test.ts).
      const args = [`-env:UserInstallation=file://${file('lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp.path, file('charts.pptx')];
      const run = spawnSync(soffice!, args, { encoding: 'utf8', timeout: 240_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(pdfInfo(file('charts.pdf')).Pages).toBe('6');
      // Category labels exist only in the chart parts: LibreOffice drew them from the native charts.
      expect(pdfText(file('charts.pdf'), 2)).toContain('Q3 FY26');
    },
    300_000,
  );

  it('with no browser, exits 1 with the same message as pdf', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { CHROME_PATH: file('no-such-chrome'), CHOKEPOINT_SYSTEM_BROWSERS: '', PLAYWRIGHT_BROWSERS_PATH: file('no-browsers') });
    try {
      const lines: Record<string, string[]> = { pdf: [], pptx: [] };
      const sink = (k: string) => ({ log: (s: string) => void lines[k]!.push(s), error: (s: string) => void lines[k]!.push(s) });
      expect(await runPptx(CHARTS, { out: file('none.pptx'), allowDirs: [DATA] }, sink('pptx'), silentProgress)).toBe(1);
      expect(await runPdf(CHARTS, { out: file('none.pdf'), allowDirs: [DATA] }, sink('pdf'), silentProgress)).toBe(1);
      expect(lines.pptx).toEqual(lines.pdf);
      expect(lines.pptx!.join('\n')).toContain('chokepoint: no Chromium or Chrome found');
      expect(existsSync(file('none.pptx'))).toBe(false);
    } finally {
      process.env = saved;
    }
  });
});
