import JSZip from 'jszip';
import { checkXmlParts, cleanXmlParts } from './xml-text.ts';

// A date style for the data sheet: built-in number format 14 (the reader's short date).
const DATE_STYLE = '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>';

/**
 * Fixes what pptxgenjs 4.0.1 writes wrong, so PowerPoint opens the file without a repair prompt and
 * "Edit Data" opens each chart's workbook cleanly with the deck's values:
 * - a paragraph with several runs gets one paragraph-properties element per run, which the schema forbids:
 *   only the first (the paragraph's own) is kept;
 * - every font is marked proportional (pitchFamily 34): monospace faces are marked fixed-pitch (49), so a
 *   viewer without the deck's code font substitutes another monospace one;
 * - the table range ends in a stray apostrophe (`ref="A1:C8'"`), which Excel repairs on opening;
 * - a missing value is written as an empty cell or point instead of being left out (a gap);
 * - a date axis's categories are written as text: they become date cells, so an edited sheet keeps its dates.
 * Characters XML cannot hold are taken out of every part first, and every part is parsed last (xml-text.ts).
 * Zeros are passed to pptxgenjs as the string "0" (see chart.ts), because it writes a number 0 as empty.
 */
export async function repairPptx(pptx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(pptx);
  await cleanXmlParts(zip);
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/(slides\/slide|notesSlides\/notesSlide)\d+\.xml$/.test(p))) {
    await edit(zip, path, (xml) => monospaceFallback(onePropertiesPerParagraph(xml)));
  }
  const dated = new Set<string>();
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/charts\/chart\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    zip.file(path, xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, ''));
    if (!xml.includes('<c:dateAx>')) continue;
    const rels = await zip.file(path.replace(/chart(\d+)\.xml$/, '_rels/chart$1.xml.rels'))?.async('string');
    const target = /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(rels ?? '')?.[1];
    if (target) dated.add(`ppt/embeddings/${target}`);
  }
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/embeddings\/.*\.xlsx$/.test(p))) {
    const book = await JSZip.loadAsync(await zip.file(path)!.async('uint8array'));
    await edit(book, 'xl/tables/table1.xml', (xml) => xml.replace(/(ref="[A-Z]+\d+:[A-Z]+\d+)'"/, '$1"'));
    const strings = [...((await book.file('xl/sharedStrings.xml')?.async('string')) ?? '').matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!);
    await edit(book, 'xl/worksheets/sheet1.xml', (xml) => {
      const gapless = xml.replace(/<c r="[A-Z]+\d+"><v><\/v><\/c>/g, '');
      if (!dated.has(path)) return gapless;
      return gapless.replace(/<c r="A(\d+)" t="s"><v>(\d+)<\/v><\/c>/g, (cell, row: string, i: string) =>
        row === '1' || !/^[\d.]+$/.test(strings[Number(i)] ?? '') ? cell : `<c r="A${row}" s="1"><v>${strings[Number(i)]}</v></c>`);
    });
    if (dated.has(path)) await edit(book, 'xl/styles.xml', (xml) => (xml.includes('<cellXfs') ? xml : xml.replace('</borders>', `</borders>${DATE_STYLE}`)));
    zip.file(path, await book.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
  }
  // A part that does not parse would be dropped by the reader: fail the export instead of claiming success.
  await checkXmlParts(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

async function edit(zip: JSZip, path: string, change: (xml: string) => string): Promise<void> {
  const file = zip.file(path);
  if (file) zip.file(path, change(await file.async('string')));
}

const PPR = /<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g;

/** Keeps a paragraph's leading <a:pPr> and drops the ones pptxgenjs puts before its later runs. */
export function onePropertiesPerParagraph(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_, body: string) => {
    let first = true;
    const kept = body.replace(PPR, (ppr, offset: number) => {
      const keep = first && offset === 0;
      first = false;
      return keep ? ppr : '';
    });
    return `<a:p>${kept}</a:p>`;
  });
}

// Names of the common code fonts (JetBrains Mono, Fira Code, Consolas, Courier New, Menlo, SF Mono...).
const MONO = /(typeface="[^"]*(?:mono|code|consol|courier|menlo)[^"]*" pitchFamily=")34"/gi;

/** Marks monospace typefaces as fixed-pitch, modern (49) instead of pptxgenjs's proportional, swiss (34). */
export function monospaceFallback(xml: string): string {
  return xml.replace(MONO, '$149"');
}
