import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdf } from '../../src/commands/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { edgeArtefacts, overprintedWords, pdfFontTypes, pdfInfo, pdfOutlineTree, pdfPages } from './export-tools.ts';
import { tempDir } from './helpers.ts';

// The talk's own PDF (slides/), checked with poppler and qpdf: what a reader of the PDF sees.
const tmp = tempDir('chokepoint-export-talk-');
const slides = join(tmp.path, 'talk.pdf');
const notes = join(tmp.path, 'talk-notes.pdf');
const logs: string[] = [];
const codes: number[] = [];

beforeAll(async () => {
  const out = { log: (s: string) => void logs.push(s), error: (s: string) => void logs.push(`error: ${s}`) };
  codes.push(
    ...(await Promise.all([runPdf('slides', { out: slides }, out, silentProgress), runPdf('slides', { out: notes, notes: true }, out, silentProgress)])),
  );
}, 600_000);
afterAll(() => tmp.remove());

describe("the talk's PDF", () => {
  it('exports, slides and slides with notes', () => {
    expect(codes, logs.join('\n')).toEqual([0, 0]);
  });

  it('has no Type 3 fonts: every font is a real embedded font', () => {
    for (const file of [slides, notes]) {
      const types = pdfFontTypes(file);
      expect(types.length).toBeGreaterThan(0);
      expect(types.filter((t) => /Type 3/.test(t))).toEqual([]);
    }
  });

  it('writes no text twice: no word is drawn again on top of itself (haloed chart labels were)', () => {
    expect(pdfPages(slides)).toHaveLength(Number(pdfInfo(slides).Pages));
    expect(overprintedWords(slides)).toEqual([]);
    expect(overprintedWords(notes)).toEqual([]);
  });

  it('nests the bookmarks: parts at the top with their slides below, and the source list once', () => {
    const outline = pdfOutlineTree(slides);
    const parents = outline.filter((o) => o.kids.length > 0);
    expect(parents.length).toBeGreaterThanOrEqual(2);
    const all = (nodes: typeof outline): typeof outline => nodes.flatMap((n) => [n, ...all(n.kids)]);
    expect(all(outline).filter((o) => o.title === 'Sources')).toHaveLength(1);
    expect(outline.at(-1)?.title).toBe('Sources');
    // A part's slides come at or after its own page (a `data-part` part starts on its first slide).
    for (const parent of parents) for (const kid of parent.kids) expect(kid.page).toBeGreaterThanOrEqual(parent.page);
  });

  it('makes every page exactly the slide, with no stray line at the right or bottom edge', () => {
    expect(pdfInfo(slides)['Page size']).toMatch(/^1440 x 810 pts/);
    expect(pdfInfo(notes)['Page size']).toMatch(/^1440 x 810 pts/);
    expect(edgeArtefacts(slides)).toEqual([]);
    expect(edgeArtefacts(notes)).toEqual([]);
  }, 300_000);
});
