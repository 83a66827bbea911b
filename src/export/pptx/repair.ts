import JSZip from 'jszip';
import { checkXmlParts, cleanXmlParts } from './xml-text.ts';

// A date style for the data sheet: built-in number format 14 (the reader's short date).
const DATE_STYLE =
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>';

/** What the export knows and pptxgenjs cannot write, for {@link repairPptx}. */
export interface PptxFixes {
  /** Per slide, the marker colour (hex, or '' for the default) of each bulleted paragraph, in document order. */
  markers: string[][];
  /** Chart part names (chartN.xml) of scatters whose x axis is logarithmic. */
  logX: string[];
}

/**
 * Fixes what pptxgenjs 4.0.1 writes wrong or cannot write, so PowerPoint opens the file without a repair prompt and
 * "Edit Data" opens each chart's workbook cleanly with the deck's values:
 * - a paragraph with several runs gets one paragraph-properties element per run, which the schema forbids:
 *   only the first (the paragraph's own) is kept;
 * - every font is marked proportional (pitchFamily 34): monospace faces are marked fixed-pitch (49), so a
 *   viewer without the deck's code font substitutes another monospace one;
 * - the table range ends in a stray apostrophe (`ref="A1:C8'"`), which Excel repairs on opening;
 * - a missing value is written as an empty cell or point instead of being left out (a gap);
 * - a date axis's categories are written as text: they become date cells, so an edited sheet keeps its dates;
 * - list markers take the text's colour: each gets the deck's marker colour (the theme's accent);
 * - a scatter's x axis has no log scale option: the charts in `fixes.logX` get one.
 * Characters XML cannot hold are taken out of every part first, and every part is parsed last (xml-text.ts).
 * Zeros are passed to pptxgenjs as the string "0" (see chart.ts), because it writes a number 0 as empty.
 */
export async function repairPptx(pptx: Uint8Array, fixes: PptxFixes = { markers: [], logX: [] }): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(pptx);
  await cleanXmlParts(zip);
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/(slides\/slide|notesSlides\/notesSlide)\d+\.xml$/.test(p))) {
    const slide = /^ppt\/slides\/slide(\d+)\.xml$/.exec(path)?.[1];
    await edit(zip, path, (xml) => markerColours(monospaceFallback(onePropertiesPerParagraph(xml)), slide ? (fixes.markers[Number(slide) - 1] ?? []) : []));
  }
  const dated = new Set<string>();
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/charts\/chart\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    const gapless = xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, '');
    zip.file(path, fixes.logX.includes(path.slice('ppt/charts/'.length)) ? logX(gapless) : gapless);
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
        row === '1' || !/^[\d.]+$/.test(strings[Number(i)] ?? '') ? cell : `<c r="A${row}" s="1"><v>${strings[Number(i)]}</v></c>`,
      );
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

const BULLET = /<a:buSzPct val="100000"\/>(?=<a:buChar |<a:buFont typeface="\+mj-lt"\/><a:buAutoNum )/g;

/**
 * Gives the k-th bulleted paragraph of a slide the k-th colour of `colours`. The slide is left alone when the
 * counts differ: a colour on the wrong list would be worse than the text's.
 */
export function markerColours(xml: string, colours: string[]): string {
  if (!colours.some(Boolean) || (xml.match(BULLET) ?? []).length !== colours.length) return xml;
  let k = 0;
  return xml.replace(BULLET, (bullet) => {
    const hex = colours[k++];
    return hex ? `<a:buClr><a:srgbClr val="${hex.toUpperCase()}"/></a:buClr>${bullet}` : bullet;
  });
}

/** Puts a base-10 log scale on a scatter's x axis: its first value axis (CT_Scaling wants logBase first). */
export function logX(xml: string): string {
  return xml.replace(/(<c:valAx>\s*<c:axId val="\d+"\/>\s*<c:scaling>)(?!<c:logBase)/, '$1<c:logBase val="10"/>');
}
