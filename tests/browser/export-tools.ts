// Reading exported PDFs in tests with poppler's command-line tools (pdfinfo, pdftotext, pdffonts,
// pdfimages) and, for the outline poppler does not print, a small parser of Chromium's uncompressed objects.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const run = (tool: string, args: string[]) => execFileSync(`/usr/bin/${tool}`, args, { encoding: 'utf8' });

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
export const pdfText = (file: string, page?: number) =>
  run('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-']);

/** `pdffonts` rows: name, type and whether the font is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  return run('pdffonts', [file]).split('\n').slice(2).filter(Boolean).map((row) => {
    const cols = row.trim().split(/\s+/);
    // Columns from the right: emb sub uni objectID gen.
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** Pages (1-based) that carry a raster image, from `pdfimages -list`. */
export function pagesWithImages(file: string): number[] {
  return [...new Set(run('pdfimages', ['-list', file]).split('\n').slice(2).filter(Boolean).map((r) => Number(r.trim().split(/\s+/)[0])))];
}

/** The bookmarks as `title` (top level) or `  title` (nested), in order. */
export function pdfOutline(file: string): string[] {
  const text = readFileSync(file).toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2]!);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    return m ? objects.get(Number(m[1])) : undefined;
  };
  const catalog = [...objects.values()].find((d) => /\/Type\s*\/Catalog/.test(d));
  const titles: string[] = [];
  const walk = (item: string | undefined, depth: number) => {
    for (let node = item; node; node = ref(node, 'Next')) {
      titles.push('  '.repeat(depth) + decodeTitle(node));
      walk(ref(node, 'First'), depth + 1);
    }
  };
  const root = catalog && ref(catalog, 'Outlines');
  if (root) walk(ref(root, 'First'), 0);
  return titles;
}

function decodeTitle(dict: string): string {
  const hex = /\/Title\s*<([0-9A-Fa-f]*)>/.exec(dict);
  if (hex) return Buffer.from(hex[1]!, 'hex').swap16().toString('utf16le').replace(/^\ufeff/, '');
  const literal = /\/Title\s*\(((?:\\.|[^\\)])*)\)/.exec(dict);
  return (literal?.[1] ?? '').replace(/\\([()\\])/g, '$1');
}
