import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import JSZip from 'jszip';

/** The unzipped presentation. */
export async function openPptx(path: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(path));
}

/** A part's text, or undefined when the zip has no such part. */
export async function part(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async('string');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The visible text of a DrawingML part: every <a:t>, joined, entities decoded. */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replace(/&(\w+);/g, (_, e: string) => ENTITIES[e] ?? `&${e};`)).join('');
}

/** The numbers of ppt/slides/slideN.xml present, sorted. */
export function slideNumbers(zip: JSZip, folder = 'slides', name = 'slide'): number[] {
  return Object.keys(zip.files)
    .flatMap((f) => new RegExp(`^ppt/${folder}/${name}(\\d+)\\.xml$`).exec(f)?.[1] ?? [])
    .map(Number)
    .sort((a, b) => a - b);
}

/** A chart's data sheet as rows of cell values (shared strings resolved), from its embedded workbook. */
export async function chartSheet(zip: JSZip, chart: string): Promise<(string | number)[][]> {
  const rels = (await part(zip, chart.replace(/charts\/(chart\d+\.xml)$/, 'charts/_rels/$1.rels')))!;
  const target = /Target="\.\.\/embeddings\/([^"]+)"/.exec(rels)![1]!;
  const book = await JSZip.loadAsync(await zip.file(`ppt/embeddings/${target}`)!.async('uint8array'));
  const strings = [...((await part(book, 'xl/sharedStrings.xml')) ?? '').matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!);
  const sheet = (await part(book, 'xl/worksheets/sheet1.xml'))!;
  return [...sheet.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)<\/v>)?<\/c>/g)].map((c) => (c[2]!.includes('t="s"') ? strings[Number(c[3])]! : Number(c[3]))),
  );
}

/** A CSV file's rows, skipping its `#` comment lines, as the chart loader reads it. */
export function readCsv(path: string): Record<string, string>[] {
  return csvParse(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n'),
  );
}

/** The path of an executable on PATH, or undefined. */
export function which(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}
