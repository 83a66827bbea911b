import type { ChartData } from '../../charts/chart-data.ts';
import type { ChartKind } from '../../charts/types.ts';
import { valueScale } from '../../charts/frame.ts';
import type { ChartMarks } from './scan-chart.ts';
import type { Box } from './types.ts';

/** Where the native plot area goes (slide px) and the value range its axes span, matched to the SVG. */
export interface PlotPlacement {
  plot: Box;
  y?: [number, number];
  x?: [number, number];
  /** Bar charts: gap between category groups as a percentage of a group's width. */
  gap?: number;
}

const where = { file: '', line: 0 };

/** Maps value -> px through two measured points, in log space for log scales. */
function line(v0: number, p0: number, v1: number, p1: number, log: boolean) {
  const t = (v: number) => (log ? Math.log10(v) : v);
  const a = (p1 - p0) / (t(v1) - t(v0));
  return Number.isFinite(a) && a !== 0 ? (v: number) => p0 + a * (t(v) - t(v0)) : undefined;
}

/**
 * Measures the SVG's own marks to put the native plot area exactly where the SVG drew its plot, with the
 * same value range, so shapes copied from the SVG (annotations, rules, regions) land on the right values.
 * Undefined when the marks do not pin it down (one point, all values equal): PowerPoint then lays out the plot.
 */
export function placePlot(data: ChartData, marks: ChartMarks): PlotPlacement | undefined {
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  return values.length === 0 ? undefined : PLACERS[data.kind](data, marks, values);
}

type Placer = (data: ChartData, marks: ChartMarks, values: number[]) => PlotPlacement | undefined;

/** How each kind's plot area is found from its marks; kinds drawn wholly as shapes have none. A kind missing here is a type error. */
const PLACERS: Record<ChartKind, Placer> = {
  scatter: placeScatter,
  line: placeLine,
  column: placeBars,
  bar: placeBars,
  stacked: placeBars,
  timeline: () => undefined,
  dumbbell: () => undefined,
};

function placeScatter(data: ChartData, marks: ChartMarks, values: number[]): PlotPlacement | undefined {
  const xs = data.xValues ?? [];
  const ys = data.series[0]?.values ?? [];
  const i0 = xs.indexOf(Math.min(...xs));
  const i1 = xs.indexOf(Math.max(...xs));
  const j0 = ys.indexOf(Math.min(...values));
  const j1 = ys.indexOf(Math.max(...values));
  const d = marks.dots;
  if (d.length !== xs.length) return undefined;
  const fx = line(xs[i0]!, d[i0]!.x, xs[i1]!, d[i1]!.x, data.xScale === 'log');
  const fy = line(ys[j0]!, d[j0]!.y, ys[j1]!, d[j1]!.y, data.yScale === 'log');
  if (!fx || !fy) return undefined;
  const bounds = (axis: 'x' | 'y') => [
    ...(data.rules ?? []).filter((r) => r.axis === axis).map((r) => r.value),
    ...(data.regions ?? []).flatMap((r) => (axis === 'x' ? [r.x0, r.x1] : [r.y0, r.y1])).filter((v): v is number => v !== undefined),
  ];
  const x = valueScale([...xs, ...bounds('x')], { log: data.xScale === 'log', zero: false, domain: data.xDomain, where, axis: 'x' }).domain() as [
    number,
    number,
  ];
  const y = valueScale([...values, ...bounds('y')], { log: data.yScale === 'log', zero: false, domain: data.yDomain, where, axis: 'y' }).domain() as [
    number,
    number,
  ];
  return { plot: span(fx(x[0]), fy(y[1]), fx(x[1]), fy(y[0])), x, y };
}

function placeLine(data: ChartData, marks: ChartMarks, values: number[]): PlotPlacement | undefined {
  const first = marks.lines.find((l) => l.series === 0);
  const s = data.series[0]!;
  const defined = (data.xValues ?? []).flatMap((x, i) => (s.values[i] === null ? [] : [{ x, y: s.values[i]! }]));
  if (!first || first.points.length !== defined.length || defined.length < 2) return undefined;
  const lo = defined.reduce((a, b) => (b.y < a.y ? b : a));
  const hi = defined.reduce((a, b) => (b.y > a.y ? b : a));
  const p = (q: { x: number; y: number }) => first.points[defined.indexOf(q)]!;
  const fx = line(defined[0]!.x, p(defined[0]!)[0], defined[defined.length - 1]!.x, p(defined[defined.length - 1]!)[0], false);
  const fy = line(lo.y, p(lo)[1], hi.y, p(hi)[1], data.yScale === 'log');
  if (!fx || !fy) return undefined;
  const y = valueScale([...values, ...yRules(data)], { log: data.yScale === 'log', zero: true, domain: data.yDomain, where, axis: 'y' }).domain() as [
    number,
    number,
  ];
  const xs = data.xValues!;
  return { plot: span(fx(Math.min(...xs)), fy(y[1]), fx(Math.max(...xs)), fy(y[0])), y };
}

function placeBars(data: ChartData, marks: ChartMarks, values: number[]): PlotPlacement | undefined {
  if (marks.bars.length === 0) return undefined;
  // Bars: the value axis from the longest bar's ends, the category axis from each category's group of bars.
  const stacked = data.kind === 'stacked';
  const sums = data.categories.map((_, c) => data.series.map((s) => s.values[c] ?? 0));
  const extent = stacked
    ? [
        Math.min(0, ...sums.map((v) => v.filter((n) => n < 0).reduce((a, b) => a + b, 0))),
        Math.max(0, ...sums.map((v) => v.filter((n) => n > 0).reduce((a, b) => a + b, 0))),
      ]
    : [Math.min(0, ...values), Math.max(0, ...values)];
  const horizontal = data.kind === 'bar';
  const lowEdge = horizontal ? Math.min(...marks.bars.map((b) => b.box.x)) : Math.max(...marks.bars.map((b) => b.box.y + b.box.h));
  const highEdge = horizontal ? Math.max(...marks.bars.map((b) => b.box.x + b.box.w)) : Math.min(...marks.bars.map((b) => b.box.y));
  const fv = line(extent[0]!, lowEdge, extent[1]!, highEdge, false);
  if (!fv) return undefined;
  const v = valueScale([...(stacked ? extent : values), ...yRules(data)], { log: false, zero: true, domain: data.yDomain, where, axis: 'y' }).domain() as [
    number,
    number,
  ];
  // Each series' bars follow the categories it has a (non-zero, for stacks) value for.
  const groups = data.categories.map(() => [] as Box[]);
  data.series.forEach((s, i) => {
    const drawn = s.values.flatMap((val, c) => (val === null || (stacked && val === 0) ? [] : [c]));
    marks.bars
      .filter((b) => b.series === i)
      .forEach((b, k) => {
        if (drawn[k] !== undefined) groups[drawn[k]!]!.push(b.box);
      });
  });
  const along = (b: Box) => (horizontal ? [b.y, b.y + b.h] : [b.x, b.x + b.w]) as [number, number];
  const bands = groups.map((g): [number, number] | undefined =>
    g.length ? [Math.min(...g.map((b) => along(b)[0])), Math.max(...g.map((b) => along(b)[1]))] : undefined,
  );
  const firstI = bands.findIndex(Boolean);
  const lastI = bands.length - 1 - [...bands].reverse().findIndex(Boolean);
  if (firstI < 0 || lastI <= firstI) return undefined;
  const centre = (i: number) => (bands[i]![0] + bands[i]![1]) / 2;
  const step = (centre(lastI) - centre(firstI)) / (lastI - firstI);
  const width = bands[firstI]![1] - bands[firstI]![0];
  const start = centre(firstI) - (firstI + 0.5) * step;
  const end = start + data.categories.length * step;
  const plot = horizontal ? span(fv(v[0]), start, fv(v[1]), end) : span(start, fv(v[1]), end, fv(v[0]));
  return { plot, y: v, gap: Math.max(0, Math.round(((step - width) / width) * 100)) };
}

function yRules(data: ChartData): number[] {
  return (data.rules ?? []).filter((r) => r.axis === 'y').map((r) => r.value);
}

function span(x0: number, y0: number, x1: number, y1: number): Box {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), w: Math.abs(x1 - x0), h: Math.abs(y1 - y0) };
}
