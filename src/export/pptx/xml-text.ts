import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

/**
 * Characters XML 1.0 forbids: C0 controls other than tab, LF and CR, unpaired surrogates, U+FFFE and U+FFFF.
 * pptxgenjs writes text verbatim, so one of these in a chart label, series name, title, alt text, notes or
 * the deck's title makes its part ill-formed, and PowerPoint or LibreOffice drops the part (or the file).
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML cannot hold. */
export function xmlText(text: string): string {
  return text.replace(ILLEGAL, '');
}

const XML_PART = /\.(xml|rels)$/;
const WORKBOOK = /\.xlsx$/;

/**
 * Every XML part of the presentation, and of each workbook embedded in it, through `xmlText`. Applied to the
 * written parts rather than at each place text enters them, so no way in (a new chart option, a new text
 * field) can be missed; markup itself never contains these characters, so only text changes.
 */
export async function cleanXmlParts(zip: JSZip): Promise<boolean> {
  let changed = false;
  for (const path of Object.keys(zip.files)) {
    if (XML_PART.test(path)) {
      const xml = await zip.file(path)!.async('string');
      const clean = xmlText(xml);
      if (clean === xml) continue;
      zip.file(path, clean);
      changed = true;
    } else if (WORKBOOK.test(path)) {
      const book = await JSZip.loadAsync(await zip.file(path)!.async('uint8array'));
      if (!(await cleanXmlParts(book))) continue;
      zip.file(path, await book.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
      changed = true;
    }
  }
  return changed;
}

/** Why `xml` is not well-formed ("3:14: disallowed character."), or undefined when it is. */
export function xmlProblem(xml: string): string | undefined {
  const parser = new SaxesParser();
  let problem: string | undefined;
  parser.on('error', (e) => {
    problem ??= e.message;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    problem ??= (e as Error).message;
  }
  return problem;
}

/** Parses every XML part (and each embedded workbook's); throws naming the first part that is not well-formed. */
export async function checkXmlParts(zip: JSZip, prefix = ''): Promise<void> {
  for (const path of Object.keys(zip.files).sort()) {
    if (XML_PART.test(path)) {
      const problem = xmlProblem(await zip.file(path)!.async('string'));
      if (problem) throw new Error(`the part ${prefix}${path} is not well-formed XML (${problem}); nothing was written`);
    } else if (WORKBOOK.test(path)) {
      await checkXmlParts(await JSZip.loadAsync(await zip.file(path)!.async('uint8array')), `${prefix}${path}!`);
    }
  }
}
