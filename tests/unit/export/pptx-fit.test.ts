import { describe, expect, it } from 'vitest';
import { fitScale, lineCount, scalePara, SCRIPT, textWidth } from '../../../src/export/pptx/fit.ts';
import { logX, markerColours } from '../../../src/export/pptx/repair.ts';
import type { Para } from '../../../src/export/pptx/types.ts';

const para = (text: string, size = 32, more: Partial<Para> = {}): Para => ({ runs: [{ text, size, font: 'Inter' }], lineHeight: size * 1.2, ...more });

describe('pptx text sized for a fallback font', () => {
  it('measures in DejaVu Sans: its own advances, bold wider, monospace 0.6 em, a raised run at its written size', () => {
    // DejaVu Sans Book: "m" is 1995/2048 em, "i" 569/2048.
    expect(textWidth('m', { size: 2048 })).toBe(1995);
    expect(textWidth('mi', { size: 20.48 })).toBeCloseTo(25.64, 2);
    expect(textWidth('Nvidia', { size: 40, bold: true })).toBeGreaterThan(textWidth('Nvidia', { size: 40 }));
    expect(textWidth('const x', { size: 10, font: 'JetBrains Mono' })).toBeCloseTo(7 * 6.021, 2);
    expect(textWidth('[1]', { size: 18, sup: true })).toBeCloseTo(textWidth('[1]', { size: 18 / SCRIPT }), 6);
  });

  it('breaks lines at spaces, keeps a word split across runs whole, and indents list items', () => {
    const words = para('aaaa bbbb cccc', 10);
    const one = textWidth('aaaa bbbb cccc', { size: 10 });
    expect(lineCount(words, one + 1, true).lines).toBe(1);
    expect(lineCount(words, one - 1, true).lines).toBe(2);
    expect(lineCount(words, one - 1, false)).toEqual({ lines: 1, widest: one });
    // "V4-" bold and "Flash" not: one word, moved to the next line together.
    const split: Para = {
      runs: [
        { text: 'xx ', size: 10 },
        { text: 'V4-', size: 10, bold: true },
        { text: 'Flash', size: 10 },
      ],
    };
    const x = textWidth('xx ', { size: 10 });
    expect(lineCount(split, x + textWidth('V4-', { size: 10, bold: true }) + 1, true).lines).toBe(2);
    expect(lineCount({ ...words, bullet: 'bullet', indent: 20 }, one + 1, true).lines).toBe(2);
  });

  it('puts a link wider than the rest of its line on a new line, and what follows it on another (LibreOffice)', () => {
    const link = 'a long link text here';
    const p: Para = {
      runs: [
        { text: 'See ', size: 10 },
        { text: link, size: 10, link: 'https://example.com' },
        { text: ', 2025.', size: 10 },
      ],
    };
    const w = textWidth(link, { size: 10 });
    expect(lineCount(p, w + textWidth('See ', { size: 10 }) + textWidth(', 2025.', { size: 10 }) + 1, true).lines).toBe(1);
    expect(lineCount(p, w + textWidth(', 2025.', { size: 10 }) + 1, true).lines).toBe(2);
    // Wider than a line: cut over two lines, then ", 2025." on a third.
    expect(lineCount(p, w * 0.6, true).lines).toBe(4);
  });

  it("scales text down only as far as it must to keep the browser's lines, and never below 0.6", () => {
    const title = [para('One Chinese model release wiped $589B off Nvidia in a day', 64)];
    const width = textWidth('One Chinese model release wiped $589B off Nvidia in a day', { size: 64 });
    expect(fitScale(title, width + 2, 64 * 1.2, true)).toBe(1);
    const s = fitScale(title, width * 0.85, 64 * 1.2, true);
    expect(s).toBeLessThan(0.86);
    expect(s).toBeGreaterThan(0.8);
    expect(fitScale(title, width * 0.1, 64 * 1.2, true)).toBe(0.6);
    const scaled = scalePara({ ...title[0]!, before: 10 }, 0.5);
    expect([scaled.runs[0]!.size, scaled.lineHeight, scaled.before]).toEqual([32, 38.4, 5]);
  });
});

describe('pptx repairs for what pptxgenjs cannot write', () => {
  const bullet = '<a:pPr marL="1" indent="-1"><a:buSzPct val="100000"/><a:buChar char="&#x2022;"/></a:pPr>';
  const number = '<a:pPr marL="1" indent="-1"><a:buSzPct val="100000"/><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="1"/></a:pPr>';
  it('colours the k-th list marker of a slide with the k-th colour, and leaves a slide whose count differs alone', () => {
    const xml = `<a:p>${bullet}</a:p><a:p>${number}</a:p>`;
    expect(markerColours(xml, ['ffb000', ''])).toBe(
      `<a:p>${bullet.replace('<a:buSzPct', '<a:buClr><a:srgbClr val="FFB000"/></a:buClr><a:buSzPct')}</a:p><a:p>${number}</a:p>`,
    );
    expect(markerColours(xml, ['ffb000'])).toBe(xml);
  });

  it("puts a log scale on a scatter's x axis (the first value axis), before its orientation, once", () => {
    const chart =
      '<c:valAx>  <c:axId val="1"/>  <c:scaling><c:orientation val="minMax"/></c:scaling></c:valAx><c:valAx>  <c:axId val="2"/>  <c:scaling><c:logBase val="10"/><c:orientation val="minMax"/></c:scaling></c:valAx>';
    const fixed = logX(chart);
    expect(fixed.match(/<c:logBase val="10"\/>/g)).toHaveLength(2);
    expect(fixed).toContain('<c:axId val="1"/>  <c:scaling><c:logBase val="10"/><c:orientation');
    expect(logX(fixed)).toBe(fixed);
  });
});
