// Reading exported PDFs in tests with poppler's command-line tools (pdfinfo, pdftotext, pdffonts,
// pdfimages) and, for the outline poppler does not print, a small parser of Chromium's uncompressed objects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (tool: string, args: string[]) => execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

/** `pdfinfo` fields (Title, Author, Subject, Pages, Page size, ...). */
export function pdfInfo(file: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) fields[m[1]!] = m[2]!;
  }
  return fields;
}

/** The text of one page (1-based), or of all pages. */
export const pdfText = (file: string, page?: number) => run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-']);

/** `pdffonts` rows: name, type and whether the font is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((row) => {
      const cols = row.trim().split(/\s+/);
      // Columns from the right: emb sub uni objectID gen.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** Pages (1-based) that carry a raster image, from `pdfimages -list`. */
export function pagesWithImages(file: string): number[] {
  return [
    ...new Set(
      run('pdfimages', ['-list', file])
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((r) => Number(r.trim().split(/\s+/)[0])),
    ),
  ];
}

/** The bookmarks as `title` (top level) or `  title` (nested), in order (read with qpdf: outlines sit in object streams). */
export function pdfOutline(file: string): string[] {
  const flat = (nodes: ReturnType<typeof pdfOutlineTree>, depth: number): string[] =>
    nodes.flatMap((n) => ['  '.repeat(depth) + n.title, ...flat(n.kids, depth + 1)]);
  return flat(pdfOutlineTree(file), 0);
}

/** Fonts by type (`CID TrueType`, `Type 3`, ...), from `pdffonts`. */
export function pdfFontTypes(file: string): string[] {
  const lines = run('pdffonts', [file]).split('\n');
  const header = lines[0] ?? '';
  const [from, to] = [header.indexOf('type'), header.indexOf('encoding')];
  return lines
    .slice(2)
    .filter(Boolean)
    .map((row) => row.slice(from, to).trim());
}

/** The bookmarks as a tree, read with qpdf (which also reads outlines kept in object streams). */
export function pdfOutlineTree(file: string): { title: string; page: number; kids: ReturnType<typeof pdfOutlineTree> }[] {
  type Node = { title: string; destpageposfrom1: number; kids: Node[] };
  const json = JSON.parse(execFileSync('/usr/bin/qpdf', ['--json', '--json-key=outlines', file], { encoding: 'utf8' })) as { outlines: Node[] };
  const map = (nodes: Node[]): ReturnType<typeof pdfOutlineTree> => nodes.map((n) => ({ title: n.title, page: n.destpageposfrom1, kids: map(n.kids) }));
  return map(json.outlines);
}

/**
 * For each page (1-based) whose rasterised right or bottom edge (at 72 dpi, grey) differs from the pixels
 * two columns or rows inside it by more than `tolerance`: a stray line the page box does not cover.
 * One pdftoppm run for all pages, into a temporary folder.
 */
export function edgeArtefacts(file: string, tolerance = 40): { page: number; right: number; bottom: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-edges-'));
  try {
    execFileSync('/usr/bin/pdftoppm', ['-r', '72', '-gray', file, join(dir, 'p')]);
    const found: { page: number; right: number; bottom: number }[] = [];
    for (const name of readdirSync(dir).sort()) {
      const pgm = readFileSync(join(dir, name));
      // Binary PGM (P5): three header lines (magic, size, max), then one byte per pixel.
      let at = 0;
      const header: string[] = [];
      while (header.length < 3) {
        const end = pgm.indexOf(0x0a, at);
        header.push(pgm.subarray(at, end).toString('latin1'));
        at = end + 1;
      }
      const [w, h] = header[1]!.split(/\s+/).map(Number) as [number, number];
      const px = (x: number, y: number) => pgm[at + y * w + x]!;
      let right = 0;
      let bottom = 0;
      for (let y = 0; y < h; y++) right = Math.max(right, Math.abs(px(w - 1, y) - px(w - 3, y)));
      for (let x = 0; x < w; x++) bottom = Math.max(bottom, Math.abs(px(x, h - 1) - px(x, h - 3)));
      if (right > tolerance || bottom > tolerance) found.push({ page: Number(/(\d+)\.pgm$/.exec(name)![1]), right, bottom });
    }
    return found;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in order, from one pdftotext run (pages end with a form feed). */
export const pdfPages = (file: string): string[] => run('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);

/**
 * Words drawn twice on top of each other (same text, same horizontal extent, overlapping vertically), per
 * page, from `pdftotext -bbox`: what a halo written as a second, stroked copy of a label leaves in the text layer.
 */
export function overprintedWords(file: string): { page: number; text: string }[] {
  const found: { page: number; text: string }[] = [];
  run('pdftotext', ['-bbox', file, '-'])
    .split('<page ')
    .slice(1)
    .forEach((html, i) => {
      const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g)].map((m) => ({
        text: m[5]!,
        x0: Number(m[1]),
        y0: Number(m[2]),
        x1: Number(m[3]),
        y1: Number(m[4]),
      }));
      words.forEach((a, j) => {
        const twin = words.slice(j + 1).find((b) => b.text === a.text && Math.abs(a.x0 - b.x0) < 1 && Math.abs(a.x1 - b.x1) < 1 && a.y0 < b.y1 && b.y0 < a.y1);
        if (twin) found.push({ page: i + 1, text: a.text });
      });
    });
  return found;
}
