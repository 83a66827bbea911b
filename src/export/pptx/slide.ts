import type { Pptx, Slide, TableCell, TextProps, TextPropsOptions } from './pptxgen.ts';
import type { Units } from './units.ts';
import { fitScale, SCRIPT, scalePara } from './fit.ts';
import type { Cell, Paint, Para, Run, ShapeItem, TableItem, TextItem } from './types.ts';

type TextRun = TextProps;

/** Fonts the deck uses and the fallback each names, for a machine without them. */
const FALLBACK: Record<string, string> = {
  'system-ui': 'Arial',
  'ui-monospace': 'Courier New',
  monospace: 'Courier New',
  'sans-serif': 'Arial',
  serif: 'Georgia',
};
const face = (font: string | undefined) => (font ? (FALLBACK[font] ?? font) : undefined);
const fill = (p: Paint) => ({ color: p.hex, transparency: Math.round((1 - p.alpha) * 100) });

/** One run as pptxgenjs text, sizes in pt. */
function run(r: Run, u: Units, para: TextPropsOptions): TextRun {
  const size = r.size && (r.sup || r.sub) ? r.size / SCRIPT : r.size;
  return {
    text: r.text,
    options: {
      ...para,
      bold: r.bold,
      italic: r.italic,
      underline: r.underline ? { style: 'sng' } : undefined,
      color: r.color?.hex,
      transparency: r.color && r.color.alpha < 1 ? Math.round((1 - r.color.alpha) * 100) : undefined,
      fontFace: face(r.font),
      fontSize: size ? u.pt(size) : undefined,
      hyperlink: r.link ? { url: r.link } : undefined,
      highlight: r.highlight?.hex,
      superscript: r.sup,
      subscript: r.sub,
      breakLine: r.br || undefined,
    },
  };
}

/**
 * Paragraphs as pptxgenjs runs. Paragraph options ride on a paragraph's first run only: pptxgenjs writes a
 * paragraph-properties element for every run that has any, and two in one paragraph make PowerPoint repair the file.
 * Each bulleted paragraph's marker colour is appended to `markers`, in order (pptxgenjs cannot write it: see repair.ts).
 */
export function paragraphs(paras: Para[], u: Units, markers: string[] = []): TextRun[] {
  const out: TextRun[] = [];
  paras.forEach((p, i) => {
    const indent = u.pt(p.indent ?? 40);
    // pptxgenjs draws a bullet for `{ indent }` without a type; `type: 'bullet'` would draw none.
    const bullet = p.bullet === 'number' ? { type: 'number' as const, indent, numberStartAt: p.start ?? 1 } : p.bullet ? { indent } : undefined;
    if (bullet) markers.push(p.bulletColor?.hex ?? '');
    const options: TextPropsOptions = {
      align: p.align,
      lineSpacing: p.lineHeight ? u.pt(p.lineHeight) : undefined,
      paraSpaceBefore: p.before ? u.pt(p.before) : undefined,
      bullet,
      indentLevel: p.level || undefined,
    };
    const runs = p.runs.length ? p.runs : [{ text: '' }];
    runs.forEach((r, j) => {
      const t = run(r, u, j === 0 ? options : {});
      if (j === runs.length - 1 && i < paras.length - 1) t.options!.breakLine = true;
      out.push(t);
    });
  });
  return out;
}

/** How a text box is placed: whether it may wrap, and the slide's text margin (px) it may grow into. */
export interface TextPlacement {
  wrapping?: boolean;
  /** Left margin of the slide's text; boxes may widen up to the same margin on the right. */
  margin?: number;
  /** Collects the marker colours of bulleted paragraphs, in the order they are written. */
  markers?: string[];
}

/**
 * Adds a text box where the browser laid the element out, sized for a viewer without the deck's fonts: the
 * box wraps (code never does), gets a little more width, and its text is scaled down where the widest common
 * fallback font would need more lines than the browser used (fit.ts).
 */
export function addText(slide: Slide, item: TextItem, u: Units, placement: TextPlacement = {}): void {
  const [t, r, b, l] = item.pad ?? [0, 0, 0, 0];
  // Text on one line in the browser gets more room: a wider fallback font must not break "PyTorch" in two.
  const oneLine = item.paras.length === 1 && !item.paras[0]!.runs.some((x) => x.br) && item.box.h - t - b < 1.5 * (item.paras[0]!.lineHeight ?? Infinity);
  const wrap = (placement.wrapping ?? true) && !item.mono;
  const align = item.paras[0]?.align ?? 'left';
  const slack = oneLine || !wrap ? Math.max(item.box.w * 0.2, 24) : Math.min(item.box.w * 0.04, 40);
  let x = item.box.x - (align === 'center' ? slack / 2 : align === 'right' ? slack : 0);
  let right = x + item.box.w + slack;
  // Never past the slide's text margin, nor narrower than the browser's own box.
  const margin = Math.max(0, placement.margin ?? 0);
  x = Math.min(item.box.x, Math.max(x, margin));
  right = Math.max(item.box.x + item.box.w, Math.min(right, u.px.width - margin));
  const width = right - x - l - r;
  const scale = fitScale(item.paras, width, item.box.h - t - b, wrap);
  const paras = item.paras.map((p) => scalePara(p, scale));
  slide.addText(paragraphs(paras, u, placement.markers), {
    ...u.rect({ ...item.box, x, w: right - x }),
    // pptxgenjs reads a text box's margins as left, right, bottom, top (points).
    margin: [u.pt(l), u.pt(r), u.pt(b), u.pt(t)],
    valign: item.valign ?? 'top',
    wrap,
    fit: 'none',
    isTextBox: true,
    fill: item.fill ? fill(item.fill) : undefined,
    rectRadius: item.radius ? u.inch(item.radius) : undefined,
  });
}

/** Adds a rectangle, ellipse or line. */
export function addShape(slide: Slide, pptx: Pptx, item: ShapeItem, u: Units): void {
  const line = item.stroke
    ? {
        color: item.stroke.hex,
        transparency: Math.round((1 - item.stroke.alpha) * 100),
        width: u.pt(item.stroke.width),
        dashType: item.stroke.dash ? ('dash' as const) : ('solid' as const),
      }
    : undefined;
  if (item.type === 'line') {
    slide.addShape(pptx.ShapeType.line, { ...u.rect(item.box), w: u.inch(item.box.w), h: u.inch(item.box.h), line, flipV: item.flipV });
    return;
  }
  const shape = item.type === 'ellipse' ? pptx.ShapeType.ellipse : item.radius ? pptx.ShapeType.roundRect : pptx.ShapeType.rect;
  // pptxgenjs takes the corner radius in inches; PowerPoint caps it at half the shorter side.
  const rectRadius = item.radius ? u.inch(Math.min(item.radius, Math.min(item.box.w, item.box.h) / 2)) : undefined;
  slide.addShape(shape, { ...u.rect(item.box), fill: item.fill ? fill(item.fill) : { type: 'none' }, line: line ?? { type: 'none' }, rectRadius });
}

/** Adds a native table with the browser's column widths and row heights. */
export function addTable(slide: Slide, item: TableItem, u: Units): void {
  // One scale for the whole table, the smallest its cells need in the fallback font: rows that wrap
  // more than in the browser would grow the table over what is below it.
  const scale = Math.min(
    1,
    ...item.rows.flatMap((row, r) => {
      let col = 0;
      return row.map((c) => {
        const width = item.colW.slice(col, col + (c.colspan ?? 1)).reduce((a, b) => a + b, 0) - c.pad[1] - c.pad[3];
        const height = item.rowH.slice(r, r + (c.rowspan ?? 1)).reduce((a, b) => a + b, 0) - c.pad[0] - c.pad[2];
        col += c.colspan ?? 1;
        return fitScale([{ runs: c.runs, align: c.align }], width, height, true);
      });
    }),
  );
  const cell = (c: Cell): TableCell => ({
    text: paragraphs([scalePara({ runs: c.runs, align: c.align }, scale)], u),
    options: {
      // No `align` here: pptxgenjs starts a new paragraph at every run whose own align differs from the cell's,
      // which put a citation marker or an italic word on a line of its own. The paragraph carries it.
      fill: c.fill ? fill(c.fill) : undefined,
      valign: 'middle',
      // Cell margins below 1 are read as inches (top, right, bottom, left).
      margin: [u.inch(c.pad[0]), u.inch(c.pad[1]), u.inch(c.pad[2]), u.inch(c.pad[3])],
      border: [
        { type: 'none' },
        { type: 'none' },
        c.border?.bottom ? { type: 'solid', color: c.border.bottom.hex, pt: u.pt(c.border.bottom.width) } : { type: 'none' },
        { type: 'none' },
      ],
      colspan: c.colspan,
      rowspan: c.rowspan,
    },
  });
  slide.addTable(
    item.rows.map((r) => r.map(cell)),
    { ...u.rect(item.box), colW: item.colW.map(u.inch), rowH: item.rowH.map(u.inch), autoPage: false },
  );
}
