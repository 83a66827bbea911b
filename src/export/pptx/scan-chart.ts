import type { PageHelpers } from './page-helpers.ts';
import type { Box, ChartTheme, ShapeItem, TextItem } from './types.ts';

/**
 * Where the SVG drew its data marks, in slide px: dot centres, bar boxes and line vertices, per series,
 * each with the colour it was painted (hex, translucency mixed with the background): highlight, context
 * grey and entity colours come from the deck's CSS, so the native chart copies them from here.
 */
export interface ChartMarks {
  dots: { x: number; y: number; colour: string }[];
  bars: { series: number; box: Box; colour: string }[];
  lines: { series: number; points: [number, number][]; colour: string }[];
}

/** What the page measured of one chart. */
export interface ChartScan {
  theme: ChartTheme;
  /** Marks the native chart cannot hold (timeline: everything), as shapes and text in place. */
  extras: (ShapeItem | TextItem)[];
  /** Shapes to draw before the chart (scatter regions), so its points stay on top. */
  under: ShapeItem[];
  marks: ChartMarks;
  /** Whether the SVG drew a key (a legend): it names series directly where they fit. */
  legend: boolean;
}

/**
 * Runs in the page after installHelpers: reads the theme's chart colours on the chart's own slide (light
 * slides have their own palette), where its marks fell, and turns `extra` parts of the SVG into shapes.
 */
export function scanChart({ shot, under, over }: { shot: string; under: string; over: string }): ChartScan {
  const H = (window as unknown as { __pptx: PageHelpers }).__pptx;
  const svg = document.querySelector<SVGSVGElement>(`[data-pptx-shot="${shot}"]`)!;
  const rect = svg.getBoundingClientRect();
  const frame = H.box(svg);
  const k = frame.w / rect.width;
  const toSlide = (el: SVGGraphicsElement, x: number, y: number): [number, number] => {
    const p = new DOMPoint(x, y).matrixTransform(el.getScreenCTM()!);
    return [frame.x + (p.x - rect.left) * k, frame.y + (p.y - rect.top) * k];
  };
  // Custom properties come back as written: a probe turns them into rgb() like any computed colour.
  const probe = document.createElement('span');
  svg.parentElement!.appendChild(probe);
  const paintOf = (value: string) => {
    probe.style.color = value;
    return H.paint(getComputedStyle(probe).color);
  };
  const bg = paintOf('var(--chart-bg)') ?? { hex: '000000', alpha: 1 };
  // Chart parts take no transparency in pptxgenjs: a translucent colour is mixed with the background instead.
  const colour = (value: string, opacity = 1) => {
    const p = paintOf(value);
    if (!p) return bg.hex;
    const alpha = p.alpha * (Number.isFinite(opacity) ? opacity : 1);
    const mix = (i: number) => Math.round(parseInt(p.hex.slice(i, i + 2), 16) * alpha + parseInt(bg.hex.slice(i, i + 2), 16) * (1 - alpha));
    return [0, 2, 4].map((i) => mix(i).toString(16).padStart(2, '0')).join('');
  };
  const theme: ChartTheme = {
    series: [1, 2, 3, 4, 5, 6].map((i) => colour(`var(--chart-${i})`)),
    text: colour('var(--chart-text)'),
    muted: colour('var(--chart-muted)'),
    axis: colour('var(--chart-axis)'),
    grid: colour('var(--chart-grid)'),
    font: getComputedStyle(svg)
      .fontFamily.split(',')[0]!
      .trim()
      .replace(/^["']|["']$/g, ''),
    tick: 24 * (frame.w / svg.viewBox.baseVal.width),
  };

  const seriesOf = (el: Element) => Number(/series-(\d)/.exec(el.closest('[class*="series-"]')?.getAttribute('class') ?? '')?.[1] ?? 1) - 1;
  const painted = (el: Element, prop: 'fill' | 'stroke') => {
    const s = getComputedStyle(el);
    return colour(s[prop], parseFloat(prop === 'fill' ? s.fillOpacity : s.strokeOpacity));
  };
  const marks: ChartMarks = {
    dots: Array.from(svg.querySelectorAll<SVGCircleElement>('.points circle')).map((c) => {
      const [x, y] = toSlide(c, c.cx.baseVal.value, c.cy.baseVal.value);
      return { x, y, colour: painted(c, 'fill') };
    }),
    bars: Array.from(svg.querySelectorAll<SVGRectElement>('g.series > rect, g.bar > rect')).map((r) => ({
      series: seriesOf(r),
      box: H.box(r),
      colour: painted(r, 'fill'),
    })),
    lines: Array.from(svg.querySelectorAll<SVGPathElement>('g.series > path.line')).map((p) => ({
      series: seriesOf(p),
      colour: painted(p, 'stroke'),
      points: Array.from((p.getAttribute('d') ?? '').matchAll(/[ML]\s*(-?[\d.]+)[ ,]+(-?[\d.]+)/g)).map((m) => toSlide(p, Number(m[1]), Number(m[2]))),
    })),
  };

  const scale = frame.w / svg.viewBox.baseVal.width;
  const extras: (ShapeItem | TextItem)[] = [];
  const shape = (el: SVGGraphicsElement) => {
    const s = getComputedStyle(el);
    const fill = H.paint(s.fill);
    if (fill) fill.alpha *= parseFloat(s.fillOpacity) * parseFloat(s.opacity);
    const strokePaint = H.paint(s.stroke);
    const stroke =
      strokePaint && parseFloat(s.strokeWidth) > 0
        ? { ...strokePaint, width: parseFloat(s.strokeWidth) * scale, dash: s.strokeDasharray !== 'none' }
        : undefined;
    if (el instanceof SVGLineElement) {
      const [x1, y1] = toSlide(el, el.x1.baseVal.value, el.y1.baseVal.value);
      const [x2, y2] = toSlide(el, el.x2.baseVal.value, el.y2.baseVal.value);
      if (stroke)
        extras.push({
          type: 'line',
          box: { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) },
          stroke,
          flipV: (x2 - x1) * (y2 - y1) < 0,
        });
    } else if (el instanceof SVGRectElement || el instanceof SVGCircleElement) {
      const radius = el instanceof SVGRectElement ? el.rx.baseVal.value * scale : 0;
      extras.push({ type: el instanceof SVGCircleElement ? 'ellipse' : 'rect', box: H.box(el), fill, stroke, radius });
    } else if (el instanceof SVGTextElement) {
      const lines = el.querySelectorAll('tspan[x]').length ? Array.from(el.querySelectorAll('tspan[x]')) : [el];
      const anchor = s.textAnchor;
      const size = parseFloat(s.fontSize) * scale;
      const color = H.paint(s.fill);
      const paras = lines.map((line) => ({
        runs: [{ text: (line.textContent ?? '').trim(), color, size, font: theme.font, bold: Number(s.fontWeight) >= 600 || undefined }],
        align: anchor === 'middle' ? ('center' as const) : anchor === 'end' ? ('right' as const) : ('left' as const),
        lineHeight: lines.length > 1 ? H.box(lines[1]!).y - H.box(lines[0]!).y || size * 1.2 : size * 1.2,
      }));
      extras.push({ type: 'text', box: H.box(el), paras, pad: [0, 0, 0, 0] });
    }
  };
  const convert = (selector: string) => {
    extras.length = 0;
    if (selector) for (const el of Array.from(svg.querySelectorAll<SVGGraphicsElement>(selector))) if (H.visible(el) || el instanceof SVGLineElement) shape(el);
    return extras.splice(0);
  };
  const beneath = convert(under) as ShapeItem[];
  probe.remove();
  return { theme, under: beneath, extras: convert(over), marks, legend: svg.querySelector('.key') !== null };
}
