import JSZip from 'jszip';

/**
 * Fixes what pptxgenjs 4.0.1 writes wrong in each chart's embedded workbook and cache, so "Edit Data" opens
 * cleanly and shows the deck's values:
 * - the table range ends in a stray apostrophe (`ref="A1:C8'"`), which Excel repairs on opening;
 * - a missing value is written as an empty cell or point instead of being left out (a gap).
 * Zeros are passed to pptxgenjs as the string "0" (see chart.ts), because it writes a number 0 as empty.
 */
export async function repairWorkbooks(pptx: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(pptx);
  let changed = false;
  for (const path of Object.keys(zip.files)) {
    if (/^ppt\/embeddings\/.*\.xlsx$/.test(path)) {
      const book = await JSZip.loadAsync(await zip.file(path)!.async('uint8array'));
      const table = book.file('xl/tables/table1.xml');
      const sheet = book.file('xl/worksheets/sheet1.xml');
      if (table) book.file('xl/tables/table1.xml', (await table.async('string')).replace(/(ref="[A-Z]+\d+:[A-Z]+\d+)'"/, '$1"'));
      if (sheet) book.file('xl/worksheets/sheet1.xml', (await sheet.async('string')).replace(/<c r="[A-Z]+\d+"><v><\/v><\/c>/g, ''));
      zip.file(path, await book.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
      changed = true;
    } else if (/^ppt\/charts\/chart\d+\.xml$/.test(path)) {
      const xml = await zip.file(path)!.async('string');
      zip.file(path, xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, ''));
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) : pptx;
}
