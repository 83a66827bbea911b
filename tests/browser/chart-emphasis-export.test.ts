import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type JSZip from 'jszip';
import { exportPdf } from '../../src/export/pdf.ts';
import { exportPptx } from '../../src/export/pptx/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { pdfText } from './export-tools.ts';
import { tempDir } from './helpers.ts';
import { openPptx, part, slideNumbers, textOf } from './pptx-tools.ts';

// Highlight, entity colours, rules, estimates, "today" and the dumbbell, as the PDF and PowerPoint exports carry them.
const DECK = 'tests/fixtures/decks/emphasis/deck.md';
const tmp = tempDir('chokepoint-emphasis-');
const file = (name: string) => join(tmp.path, name);
let zip: JSZip;
let charts = 0;

beforeAll(async () => {
  const [pdf, pptx] = await Promise.all([
    exportPdf({ input: DECK, out: file('deck.pdf') }, silentProgress),
    exportPptx({ input: DECK, out: file('deck.pptx') }, silentProgress),
  ]);
  if (!pdf.ok || !pptx.ok) throw new Error(`export failed: ${JSON.stringify([pdf, pptx])}`);
  charts = pptx.charts;
  zip = await openPptx(file('deck.pptx'));
});
afterAll(() => tmp.remove());

/** Pixels of page `n` (rendered at 24 dpi) within a small distance of each wanted colour. */
function countColours(pdf: string, n: number, wanted: Record<string, [number, number, number]>): Record<string, number> {
  const root = file(`page${n}`);
  execFileSync('/usr/bin/pdftoppm', ['-f', String(n), '-l', String(n), '-r', '24', '-singlefile', pdf, root]);
  const ppm = readFileSync(`${root}.ppm`);
  // Binary PPM: "P6\n<w> <h>\n255\n" then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
  const body = ppm.subarray(header[0].length);
  const counts = Object.fromEntries(Object.keys(wanted).map((k) => [k, 0]));
  for (let i = 0; i + 2 < body.length; i += 3) {
    for (const [k, [r, g, b]] of Object.entries(wanted)) {
      if (Math.abs(body[i]! - r) + Math.abs(body[i + 1]! - g) + Math.abs(body[i + 2]! - b) < 24) counts[k]!++;
    }
  }
  return counts;
}

describe('chart emphasis in PDF', () => {
  it('draws the highlighted bar in the accent and the rest in the context grey, as vectors with their labels', () => {
    const pdf = file('deck.pdf');
    const page1 = countColours(pdf, 1, { accent: [0xff, 0xb0, 0x00], context: [0x5d, 0x69, 0x75] });
    // One bar in the accent; two solid grey bars, several times its area.
    expect(page1.accent).toBeGreaterThan(20);
    expect(page1.context).toBeGreaterThan(page1.accent! * 3);
    expect(pdfText(pdf, 1)).toContain('H100 = 1.0');
    const page2 = countColours(pdf, 2, { nvidia: [0x76, 0xb9, 0x00], accent: [0xff, 0xb0, 0x00] });
    // Nvidia is highlighted and has a front matter colour: its line takes the entity colour, not the accent.
    expect(page2.nvidia).toBeGreaterThan(20);
    expect(page2.accent).toBe(0);
    expect(pdfText(pdf, 3)).toMatch(/Promised[\s\S]*Shipped/);
    expect(pdfText(pdf, 4)).toContain('Today, 7 Dec 2025');
  });
});

describe('chart emphasis in PowerPoint', () => {
  it("colours the native charts as the SVG painted them: the highlighted bar in the accent, an entity's line in its colour", async () => {
    // Bar, line and column are native; the dumbbell and the timeline are shapes.
    expect(charts).toBe(3);
    // The deck's charts in order: pptxgenjs numbers chart parts with a counter global to the process, so
    // after another export in the same process they need not start at chart1.xml.
    const [first, second] = slideNumbers(zip, 'charts', 'chart').map((n) => `ppt/charts/chart${n}.xml`);
    const bar = (await part(zip, first!))!;
    const points = [...bar.matchAll(/<c:dPt>[\s\S]*?<a:srgbClr val="([0-9a-fA-F]{6})"/g)].map((m) => m[1]!.toLowerCase());
    // H100, H20, Ascend 910C, then the estimate: the context grey mixed with the background at its fill opacity.
    expect(points.slice(0, 3)).toEqual(['5d6975', 'ffb000', '5d6975']);
    expect(points[3]).not.toBe('5d6975');
    const line = (await part(zip, second!))!;
    const series = [...line.matchAll(/<c:ser>[\s\S]*?<c:spPr>[\s\S]*?<a:srgbClr val="([0-9a-fA-F]{6})"/g)].map((m) => m[1]!.toLowerCase());
    expect(series).toEqual(['76b900', '5d6975', '5d6975']);
  });

  it('draws rules, the estimate outline and "today" as shapes, and the dumbbell wholly as shapes with its accent row', async () => {
    const slide1 = (await part(zip, 'ppt/slides/slide1.xml'))!;
    expect(textOf(slide1)).toContain('H100 = 1.0');
    expect(slide1).toContain('<a:prstDash val="dash"/>');
    const dumbbell = (await part(zip, 'ppt/slides/slide3.xml'))!;
    expect(await part(zip, 'ppt/slides/_rels/slide3.xml.rels')).not.toContain('chart');
    for (const label of ['Promised', 'Shipped', 'Ascend 910C', '2025.00']) expect(textOf(dumbbell)).toContain(label);
    const ellipses = [...dumbbell.matchAll(/<a:prstGeom prst="ellipse">[\s\S]*?<\/p:sp>/g)].map((m) => m[0]);
    expect(ellipses.length).toBe(6);
    // Fill before outline: the highlighted row's solid end is filled with the accent, its hollow start outlined in it.
    const fill = (e: string) => /<a:solidFill><a:srgbClr val="([0-9A-F]{6})"/i.exec(e.split('<a:ln')[0]!)?.[1]?.toLowerCase();
    const line = (e: string) => /<a:ln[^>]*><a:solidFill><a:srgbClr val="([0-9A-F]{6})"/i.exec(e)?.[1]?.toLowerCase();
    expect(ellipses.filter((e) => fill(e) === 'ffb000').length).toBe(1);
    expect(ellipses.filter((e) => line(e) === 'ffb000').length).toBe(1);
    expect(textOf((await part(zip, 'ppt/slides/slide4.xml'))!)).toContain('Today, 7 Dec 2025');
  });
});
