// The fidelity harness's spill check (tests/fidelity/pptx-checks.ts) on hand-made pages: what it must blame a
// text box for, and what belongs to another shape. The pages are as pdftotext reads LibreOffice's PDF.
import { describe, expect, it } from 'vitest';
import { textOutsideBoxes, type PdfPage, type Placed } from '../../fidelity/pptx-checks.ts';

const EMU = 12_700;
/** A text box at (x, y) w x h points holding one paragraph a run. */
const box = (x: number, y: number, w: number, h: number, ...paras: string[]) =>
  `<p:sp><p:spPr><a:xfrm><a:off x="${x * EMU}" y="${y * EMU}"/><a:ext cx="${w * EMU}" cy="${h * EMU}"/></a:xfrm></p:spPr><p:txBody>${paras.map((p) => `<a:p><a:r><a:t>${p}</a:t></a:r></a:p>`).join('')}</p:txBody></p:sp>`;
/** A native chart's frame: no text of its own in the slide part (its labels come from the chart part). */
const chart = (x: number, y: number, w: number, h: number) =>
  `<p:graphicFrame><p:xfrm><a:off x="${x * EMU}" y="${y * EMU}"/><a:ext cx="${w * EMU}" cy="${h * EMU}"/></p:xfrm><a:graphic><a:graphicData><c:chart r:id="rId1"/></a:graphicData></a:graphic></p:graphicFrame>`;
/** A line of words set from x at y, 18 pt tall, about 7 pt a character. */
function line(text: string, x: number, y: number): Placed & { words: Placed[] } {
  let at = x;
  const words = text.split(' ').map((w) => {
    const word = { text: w, x0: at, x1: at + 7 * w.length, y0: y, y1: y + 18 };
    at = word.x1 + 4;
    return word;
  });
  return { text, x0: x, x1: at - 4, y0: y, y1: y + 18, words };
}
const page = (...lines: ReturnType<typeof line>[]): PdfPage[] => [{ width: 960, height: 540, lines }];

describe('the PowerPoint spill check', () => {
  it('leaves a native chart\'s tick label to the chart when a caption just below names the same date (talk slide 3, "Dec 2024")', () => {
    const slide = chart(0, 133, 940, 293) + box(20, 435, 920, 35, 'Milestone points, not a daily series. Dec 2024 and Apr: from a secondary site.');
    const pages = page(
      line('Dec 2024', 18, 406),
      line('Mar 2025', 154, 406),
      line('Milestone points, not a daily series. Dec 2024 and Apr: from a secondary site.', 20, 437),
    );
    expect(textOutsideBoxes(pages, [slide])).toEqual([]);
  });

  it('still blames a box whose last line falls out of it, over a chart as well', () => {
    const slide = chart(0, 133, 940, 293) + box(115, 162, 172, 33, '27 Jan close: −$589B (≈$2.89T, est.) and a third line');
    const pages = page(line('27 Jan close: −$589B', 114, 162), line('(≈$2.89T, est.)', 114, 179), line('and a third line', 114, 196));
    expect(textOutsideBoxes(pages, [slide])).toEqual(['slide 1: "and a third line" spills out of its box (line 196-214, box 162-195)']);
  });

  it('blames the spilled line even when a chart label elsewhere repeats words the box draws', () => {
    const slide = chart(0, 133, 940, 293) + box(20, 435, 920, 20, 'Values from Dec 2024 to Oct 2025, drawn on too many lines');
    const pages = page(line('Dec 2024', 18, 406), line('Values from Dec 2024 to Oct 2025,', 20, 437), line('drawn on too many lines', 20, 466));
    expect(textOutsideBoxes(pages, [slide])).toEqual(['slide 1: "drawn on too many lines" spills out of its box (line 466-484, box 435-455)']);
  });

  it('blames a line that spilled above its box, though a word drawn inside repeats part of one of its words', () => {
    // "and" drawn in the box must take the word "and", not the one inside "standard", which spilled.
    const slide = box(20, 200, 470, 20, 'standard tools and more');
    const pages = page(line('standard tools', 20, 176), line('and more', 20, 201));
    expect(textOutsideBoxes(pages, [slide])).toEqual(['slide 1: "standard tools" spills out of its box (line 176-194, box 200-220)']);
  });

  it("counts a numbered list's words as drawn, though LibreOffice glues the number to the first one", () => {
    const slide = box(20, 113, 470, 40, 'Frontier Beat, DeepSeek release', 'Financial Times, Huawei chips') + chart(20, 160, 470, 200);
    // The chart below names a series with words the list holds.
    const pages = page(
      line('17.Frontier Beat, DeepSeek release', 38, 115),
      line('18.Financial Times, Huawei chips', 38, 133),
      line('DeepSeek release', 40, 165),
    );
    expect(textOutsideBoxes(pages, [slide])).toEqual([]);
  });
});
