import type { Pptx, Slide, TableCell, TextProps, TextPropsOptions } from './pptxgen.ts';
import type { Units } from './units.ts';
import type { Cell, Paint, Para, Run, ShapeItem, TableItem, TextItem } from './types.ts';

type TextRun = TextProps;

/** Fonts the deck uses and the fallback each names, for a machine without them. */
const FALLBACK: Record<string, string> = { 'system-ui': 'Arial', 'ui-monospace': 'Courier New', monospace: 'Courier New', 'sans-serif': 'Arial', serif: 'Georgia' };
const face = (font: string | undefined) => (font ? FALLBACK[font] ?? font : undefined);
const fill = (p: Paint) => ({ color: p.hex, transparency: Math.round((1 - p.alpha) * 100) });

/** One run as pptxgenjs text, sizes in pt. */
function run(r: Run, u: Units, para: TextPropsOptions): TextRun {
  return {
    text: r.text,
    options: {
      ...para,
      bold: r.bold, italic: r.italic, underline: r.underline ? { style: 'sng' } : undefined,
      color: r.color?.hex, transparency: r.color && r.color.alpha < 1 ? Math.round((1 - r.color.alpha) * 100) : undefined,
      fontFace: face(r.font), fontSize: r.size ? u.pt(r.size) : undefined,
      hyperlink: r.link ? { url: r.link } : undefined,
      highlight: r.highlight?.hex, superscript: r.sup,
      breakLine: r.br || undefined,
    },
  };
}

/**
 * Paragraphs as pptxgenjs runs. Paragraph options ride on a paragraph's first run only: pptxgenjs writes a
 * paragraph-properties element for every run that has any, and two in one paragraph make PowerPoint repair the file.
 */
export function paragraphs(paras: Para[], u: Units): TextRun[] {
  const out: TextRun[] = [];
  paras.forEach((p, i) => {
    const indent = u.pt(p.indent ?? 40);
    // pptxgenjs draws a bullet for `{ indent }` without a type; `type: 'bullet'` would draw none.
    const bullet = p.bullet === 'number' ? { type: 'number' as const, indent, numberStartAt: p.start ?? 1 } : p.bullet ? { indent } : undefined;
    const options: TextPropsOptions = {
      align: p.align, lineSpacing: p.lineHeight ? u.pt(p.lineHeight) : undefined,
      paraSpaceBefore: p.before ? u.pt(p.before) : undefined, bullet, indentLevel: p.level || undefined,
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

/**
 * Adds a text box where the browser laid the element out. Fonts differ between the browser and the viewer
 * (a recipient may lack Inter), so boxes get a little more width to keep the browser's line breaks.
 */
export function addText(slide: Slide, item: TextItem, u: Units, wrapping = true): void {
  // Text that fits one line in the browser stays on one line: a wider fallback font must not break "PyTorch" in two.
  const [padT, , padB] = item.pad ?? [0, 0, 0, 0];
  const oneLine = item.paras.length === 1 && !item.paras[0]!.runs.some((r) => r.br) && item.box.h - padT - padB < 1.5 * (item.paras[0]!.lineHeight ?? Infinity);
  const wrap = wrapping && !oneLine;
  const align = item.paras[0]?.align ?? 'left';
  const slack = wrap ? Math.min(item.box.w * 0.04, 40) : Math.max(item.box.w * 0.2, 24);
  const x = item.box.x - (align === 'center' ? slack / 2 : align === 'right' ? slack : 0);
  const [t, r, b, l] = item.pad ?? [0, 0, 0, 0];
  slide.addText(paragraphs(item.paras, u), {
    ...u.rect({ ...item.box, x, w: item.box.w + slack }),
    // pptxgenjs reads a text box's margins as left, right, bottom, top (points).
    margin: [u.pt(l), u.pt(r), u.pt(b), u.pt(t)],
    valign: item.valign ?? 'top', wrap, fit: 'none', isTextBox: true,
    fill: item.fill ? fill(item.fill) : undefined,
    rectRadius: item.radius ? u.inch(item.radius) : undefined,
  });
}

/** Adds a rectangle, ellipse or line. */
export function addShape(slide: Slide, pptx: Pptx, item: ShapeItem, u: Units): void {
  const line = item.stroke ? { color: item.stroke.hex, transparency: Math.round((1 - item.stroke.alpha) * 100), width: u.pt(item.stroke.width), dashType: item.stroke.dash ? 'dash' as const : 'solid' as const } : undefined;
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
  const cell = (c: Cell): TableCell => ({
    text: paragraphs([{ runs: c.runs, align: c.align }], u),
    options: {
      fill: c.fill ? fill(c.fill) : undefined, align: c.align, valign: 'middle',
      // Cell margins below 1 are read as inches (top, right, bottom, left).
      margin: [u.inch(c.pad[0]), u.inch(c.pad[1]), u.inch(c.pad[2]), u.inch(c.pad[3])],
      border: [{ type: 'none' }, { type: 'none' }, c.border?.bottom ? { type: 'solid', color: c.border.bottom.hex, pt: u.pt(c.border.bottom.width) } : { type: 'none' }, { type: 'none' }],
      colspan: c.colspan, rowspan: c.rowspan,
    },
  });
  slide.addTable(item.rows.map((r) => r.map(cell)), { ...u.rect(item.box), colW: item.colW.map(u.inch), rowH: item.rowH.map(u.inch), autoPage: false });
}
