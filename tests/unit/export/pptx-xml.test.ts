import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { repairPptx } from '../../../src/export/pptx/repair.ts';
import { checkXmlParts, xmlProblem, xmlText } from '../../../src/export/pptx/xml-text.ts';

describe('pptx XML text', () => {
  it('drops C0 controls but tab, LF and CR, unpaired surrogates and U+FFFE/U+FFFF, and keeps pairs and everything else', () => {
    expect(xmlText('a\u0000b\u0008c\u000bd\u000ce\u001ff\tg\nh\ri')).toBe('abcdef\tg\nh\ri');
    expect(xmlText('x\uD800y\uDC00z\uFFFE\uFFFF')).toBe('xyz');
    expect(xmlText('emoji \uD83D\uDE00 and é € \uFFFD')).toBe('emoji \uD83D\uDE00 and é € \uFFFD');
  });

  it('says why a part is not well-formed, and nothing for one that is', () => {
    expect(xmlProblem('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<a x="1"><b>t\t</b></a>')).toBeUndefined();
    expect(xmlProblem('<a>x\u000by</a>')).toMatch(/disallowed character/);
    expect(xmlProblem('<a><b></a>')).toBeDefined();
    expect(xmlProblem('<a>')).toBeDefined();
  });

  it('names the first ill-formed part, inside an embedded workbook too', async () => {
    const book = new JSZip();
    book.file('xl/sharedStrings.xml', '<sst><si><t>ok</t></si>');
    const zip = new JSZip();
    zip.file('ppt/slides/slide1.xml', '<p:sld xmlns:p="urn:p"/>');
    zip.file('ppt/embeddings/Book1.xlsx', await book.generateAsync({ type: 'uint8array' }));
    await expect(checkXmlParts(zip)).rejects.toThrow('the part ppt/embeddings/Book1.xlsx!xl/sharedStrings.xml is not well-formed XML');
  });

  it('repairPptx takes the characters out of every part and refuses a part that still does not parse', async () => {
    const zip = new JSZip();
    zip.file('docProps/core.xml', '<cp:coreProperties xmlns:cp="urn:cp"><dc:title xmlns:dc="urn:dc">A\u000bB</dc:title></cp:coreProperties>');
    const repaired = await JSZip.loadAsync(await repairPptx(await zip.generateAsync({ type: 'uint8array' })));
    expect(await repaired.file('docProps/core.xml')!.async('string')).toContain('<dc:title xmlns:dc="urn:dc">AB</dc:title>');
    zip.file('ppt/slides/slide1.xml', '<p:sld xmlns:p="urn:p"><p:cSld></p:sld>');
    await expect(repairPptx(await zip.generateAsync({ type: 'uint8array' }))).rejects.toThrow(/the part ppt\/slides\/slide1\.xml is not well-formed XML/);
  });
});
