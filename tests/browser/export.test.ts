import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdf, runPng, type ExportFlags } from '../../src/commands/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { pagesWithImages, pdfFonts, pdfInfo, pdfOutline, pdfText } from './export-tools.ts';
import { tempDir } from './helpers.ts';

const DECK = 'tests/fixtures/decks/export/deck.md';
const SLIDES = 7;
const FRAGMENT_STEPS = 3; // "Steps in order" reveals three items one by one
const NOTES = ['Opening notes alpha.', 'bravo.', 'charlie.', 'No notes for this slide.', 'delta.', 'ümlauts, echo.', 'foxtrot.'];
const TITLES = [
  'Export fixture',
  'Steps in order',
  'Below the steps',
  'A vector figure',
  'Just words on this slide',
  'Café naïve — ünïcödé, and a heading long enough to wrap onto a second line',
  'Sources',
];

const tmp = tempDir('chokepoint-export-');
const file = (name: string) => join(tmp.path, name);
const logs: Record<string, string[]> = {};

async function exportAs(name: string, flags: ExportFlags, png = false, deck = DECK): Promise<number> {
  const lines: string[] = (logs[name] = []);
  const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(`error: ${s}`) };
  return (png ? runPng : runPdf)(deck, { ...flags, out: file(name) }, out, silentProgress);
}

/** Two slides, the first with notes far too long for a page. */
function longNotesDeck(): string {
  const path = file('long.md');
  const notes = 'Every sentence here is one more thing to say before the next slide. '.repeat(120);
  writeFileSync(path, `---\ntitle: Long\n---\n\n## Too much to say\n\nNote: ${notes}\n\n---\n\n## Brief\n\nNote: Fine.\n`);
  return path;
}

const codes: Record<string, number> = {};
beforeAll(async () => {
  // Independent exports, each with its own browser: in parallel they fit the suite's time budget.
  const jobs: [string, ExportFlags, boolean?][] = [
    ['deck.pdf', {}],
    ['steps.pdf', { fragments: true }],
    ['notes.pdf', { notes: true }],
    ['handout.pdf', { handout: true }],
    ['png', {}, true],
  ];
  const results = await Promise.all([
    ...jobs.map(([name, flags, png]) => exportAs(name, flags, png)),
    exportAs('long-handout.pdf', { handout: true }, false, longNotesDeck()),
  ]);
  [...jobs.map(([name]) => name), 'long-handout.pdf'].forEach((name, i) => {
    codes[name] = results[i]!;
  });
});
afterAll(() => tmp.remove());

describe('chokepoint pdf', () => {
  it('makes one page per slide, fragments shown, and reports pages, bytes and seconds', () => {
    expect(codes['deck.pdf'], logs['deck.pdf']!.join('\n')).toBe(0);
    expect(pdfInfo(file('deck.pdf')).Pages).toBe(String(SLIDES));
    expect(logs['deck.pdf']!.at(-1)).toMatch(/: 7 pages, \d+ bytes \(.*\) in \d+\.\d\d s$/);
    const text = pdfText(file('deck.pdf')).replace(/\s+/g, ' ');
    for (const title of TITLES) expect(text).toContain(title);
    expect(pdfText(file('deck.pdf'), 2)).toMatch(/step one[\s\S]*step two[\s\S]*step three/);
  });

  it('keeps slide numbers and the slide source line in print', () => {
    const page2 = pdfText(file('deck.pdf'), 2);
    expect(page2).toMatch(/Sources: \[1\] Fixture Press/);
    // As on screen (the runtime's 'c/t'), where reveal's print view counted pages: "2".
    expect(page2.trim()).toMatch(new RegExp(`\\b2 / ${SLIDES}$`));
  });

  it('writes title, author and subject from the front matter into the metadata', () => {
    const info = pdfInfo(file('deck.pdf'));
    expect(info).toMatchObject({ Title: 'Export fixture', Author: 'Zoë Tester', Subject: 'Pages, notes and bookmarks', Tagged: 'yes' });
  });

  it('packs the tag tree into compressed object streams, losing nothing qpdf or poppler can see', () => {
    const raw = readFileSync(file('deck.pdf')).toString('latin1');
    // Chromium writes each structure element as a plain object; after the pass none is left in the clear.
    expect(raw).toMatch(/\/Type\s*\/ObjStm/);
    expect(raw).not.toMatch(/\/StructElem/);
    expect(pdfInfo(file('deck.pdf'))).toMatchObject({ 'PDF version': '1.5', Tagged: 'yes', Pages: String(SLIDES) });
    expect(execFileSync('/usr/bin/qpdf', ['--check', file('deck.pdf')], { encoding: 'utf8' })).toMatch(/No syntax or stream encoding errors/);
    // The structure tree is all there: one heading element per titled slide.
    const objects = execFileSync('/usr/bin/qpdf', ['--json=2', '--json-key=qpdf', file('deck.pdf')], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(objects.match(/"\/S": "\/H\d"/g)?.length ?? 0).toBeGreaterThanOrEqual(SLIDES);
  });

  it('adds one bookmark per titled slide, vertical slides nested under their stack', () => {
    const outline = pdfOutline(file('deck.pdf'));
    expect(outline).toHaveLength(SLIDES);
    expect(outline[2]).toBe('  Below the steps');
    expect(outline.map((t) => t.trim().slice(0, 24))).toEqual(TITLES.map((t) => t.slice(0, 24)));
    // A wrapped heading keeps the space at its line break.
    expect(outline[5]).toBe(TITLES[5]);
  });

  it('embeds every font and keeps vector figures as vectors', () => {
    const fonts = pdfFonts(file('deck.pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    // Only the photo slide (3) carries a raster image; the SVG slide (4) does not.
    expect(pagesWithImages(file('deck.pdf'))).toEqual([3]);
  });

  it('makes one page per fragment step with --fragments', () => {
    expect(codes['steps.pdf']).toBe(0);
    expect(pdfInfo(file('steps.pdf')).Pages).toBe(String(SLIDES + FRAGMENT_STEPS));
    expect(pdfText(file('steps.pdf'), 2)).not.toContain('step one');
    expect(pdfText(file('steps.pdf'), 3)).toContain('step one');
    expect(pdfText(file('steps.pdf'), 3)).not.toContain('step two');
    expect(pdfText(file('steps.pdf'), 5)).toContain('step three');
    expect(pdfOutline(file('steps.pdf'))).toHaveLength(SLIDES);
  });

  it('puts a notes page after every slide with --notes, and no blank page at the end', () => {
    expect(codes['notes.pdf']).toBe(0);
    expect(pdfInfo(file('notes.pdf')).Pages).toBe(String(2 * SLIDES));
    TITLES.forEach((title, i) => {
      expect(pdfText(file('notes.pdf'), 2 * i + 1)).toContain(title.slice(0, 20));
      expect(pdfText(file('notes.pdf'), 2 * i + 2)).toContain(NOTES[i]);
    });
    expect(pdfOutline(file('notes.pdf'))).toHaveLength(SLIDES);
  });

  it('prints a handout: one A4 sheet per slide with the slide, its notes, the deck title and slide number', () => {
    expect(codes['handout.pdf']).toBe(0);
    const info = pdfInfo(file('handout.pdf'));
    expect(info.Pages).toBe(String(SLIDES));
    expect(info['Page size']).toContain('(A4)');
    const sheet = pdfText(file('handout.pdf'), 2);
    expect(sheet).toMatch(/EXPORT FIXTURE[\s\S]*SLIDE 2 OF 7/);
    expect(sheet).toContain('Steps in order');
    expect(sheet).toContain('Notes for the steps slide, bravo.');
    expect(sheet).toContain('Zoë Tester');
    expect(pdfFonts(file('handout.pdf')).filter((f) => !f.embedded)).toEqual([]);
  });

  it('keeps one sheet per slide when notes are too long, and warns with file and line', () => {
    expect(codes['long-handout.pdf']).toBe(0);
    expect(pdfInfo(file('long-handout.pdf')).Pages).toBe('2');
    expect(logs['long-handout.pdf']).toContainEqual(expect.stringMatching(/long\.md:5: warning: the notes of "Too much to say" do not fit/));
  });
});

describe('chokepoint png', () => {
  it('writes one PNG per slide at the deck size, named by number and title', async () => {
    expect(codes.png, logs.png!.join('\n')).toBe(0);
    const all = readdirSync(file('png')).sort();
    // The export records what it wrote (so a later one removes only its own images), beside the images.
    expect(all).toContain('.chokepoint-png.json');
    const files = all.filter((f) => f !== '.chokepoint-png.json');
    expect(files).toEqual([
      '001-export-fixture.png',
      '002-steps-in-order.png',
      '003-below-the-steps.png',
      '004-a-vector-figure.png',
      '005-just-words-on-this-slide-and-no-heading-at-all-s.png',
      '006-cafe-naive-unicode-and-a-heading-long-enough-to.png',
      '007-sources.png',
    ]);
    const { readFileSync } = await import('node:fs');
    const png = readFileSync(file('png/002-steps-in-order.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
  });
});
