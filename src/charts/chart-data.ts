import { categoryOf, dateAt, numberAt, textAt, uniqueCategories } from './columns.ts';
import { readX } from './xvalues.ts';
import { cellText, dateText } from './values.ts';
import { ruleValue } from './rules.ts';
import type { ChartKind, ChartSpec, Dataset, Region, Rule } from './types.ts';

/** One named series of values, in category (or point) order; null is a gap. */
export interface SeriesData {
  name: string;
  values: (number | null)[];
}

/** A mark the author placed: at a category (or x value) and optional y, with a label. */
export interface MarkData {
  x: string | number;
  y?: number;
  label: string;
}

/** One timeline event: ISO date, the date as the chart prints it, label and track. */
export interface EventData {
  date: string;
  when: string;
  label: string;
  group: string;
}

/**
 * What an exporter needs to redraw a chart natively (PowerPoint, a spreadsheet): the values exactly as
 * the data holds them, in the order the SVG draws them, plus names, units and the d3 format string.
 * It travels as the `data-chart` JSON attribute of the chart's <figure>.
 */
export interface ChartData {
  kind: ChartKind;
  title: string;
  /** Header of the category (x) column. */
  x: string;
  /** Category labels; line: each x in words. */
  categories: string[];
  /** line: x as numbers (epoch ms on a time axis); scatter: the x values. */
  xValues?: number[];
  xTime?: boolean;
  series: SeriesData[];
  format?: string;
  xFormat?: string;
  unit?: string;
  xUnit?: string;
  yScale?: 'linear' | 'log';
  xScale?: 'linear' | 'log';
  yDomain?: [number, number];
  xDomain?: [number, number];
  /** column and bar: values printed on the marks; stacked: totals printed. */
  values?: boolean;
  annotate: MarkData[];
  /** Reference lines, values as numbers (epoch ms on a time axis). */
  rules?: (Pick<Rule, 'axis' | 'label'> & { value: number })[];
  regions?: Omit<Region, 'line'>[];
  /** scatter: each point's label (empty when none). */
  labels?: string[];
  events?: EventData[];
}

/** The native-chart description of a validated spec and its rows (the renderers have checked them already). */
export function chartData(spec: ChartSpec, data: Dataset): ChartData {
  const base = {
    kind: spec.kind,
    title: spec.title,
    x: spec.x?.name ?? spec.date?.name ?? '',
    format: spec.format,
    xFormat: spec.xFormat,
    unit: spec.unit,
    xUnit: spec.xUnit,
    yDomain: spec.yDomain,
    values: spec.values,
    annotate: spec.annotate.map((a) => ({ x: typeof a.x === 'number' ? a.x : cellText(a.x), ...(a.y === undefined ? {} : { y: a.y }), label: a.label })),
    // Value-axis rules widen the value axis, so a native chart needs them to span the same range.
    ...(spec.kind !== 'scatter' && spec.rules.some((r) => r.axis === 'y')
      ? { rules: spec.rules.filter((r) => r.axis === 'y').map((r) => ({ axis: r.axis, value: ruleValue(r, spec), label: r.label })) }
      : {}),
  };
  const series = (rows = data.rows) => spec.y.map((f, i) => ({ name: spec.names[i]!, values: rows.map((r) => numberAt(r, f.name, spec)) }));
  switch (spec.kind) {
    case 'line': {
      const xs = readX(spec, data);
      // The SVG draws a line in x order whatever the row order: so does the native chart.
      const order = xs.values.map((_, i) => i).sort((a, b) => xs.values[a]! - xs.values[b]! || a - b);
      const rows = order.map((i) => data.rows[i]!);
      return {
        ...base,
        categories: order.map((i) => xs.text[i]!),
        xValues: order.map((i) => xs.values[i]!),
        xTime: xs.time,
        yScale: spec.yScale,
        series: series(rows),
      };
    }
    case 'column':
    case 'stacked':
    case 'dumbbell': {
      const cats = uniqueCategories(data.rows, spec.x!.name, spec);
      for (const a of spec.annotate) categoryOf(a, cats, spec);
      return { ...base, categories: cats, series: series() };
    }
    case 'bar': {
      const names = uniqueCategories(data.rows, spec.x!.name, spec);
      const all = series();
      const order = names.map((_, i) => i);
      if (spec.sort) order.sort((a, b) => (all[0]!.values[b] ?? -Infinity) - (all[0]!.values[a] ?? -Infinity) || a - b);
      return { ...base, categories: order.map((i) => names[i]!), series: all.map((s) => ({ ...s, values: order.map((i) => s.values[i]!) })) };
    }
    case 'scatter': {
      const rows = data.rows.filter((r) => numberAt(r, spec.x!.name, spec) !== null && numberAt(r, spec.y[0]!.name, spec) !== null);
      return {
        ...base,
        categories: [],
        xValues: rows.map((r) => numberAt(r, spec.x!.name, spec)!),
        series: series(rows).slice(0, 1),
        labels: rows.map((r) => (spec.label ? cellText(r.cells.get(spec.label.name) ?? null) : '')),
        xScale: spec.xScale,
        yScale: spec.yScale,
        xDomain: spec.xDomain,
        rules: spec.rules.map((r) => ({ axis: r.axis, value: ruleValue(r, spec), label: r.label })),
        regions: spec.regions.map(({ x0, x1, y0, y1, label }) => ({ x0, x1, y0, y1, label })),
      };
    }
    case 'timeline': {
      const events = data.rows
        .map((row) => {
          const date = dateAt(row, spec.date!.name, spec)!;
          return {
            at: date.date.getTime(),
            date: cellText(row.cells.get(spec.date!.name) ?? null),
            when: dateText(date, spec.xFormat),
            label: textAt(row, spec.label!.name, spec),
            group: spec.group ? cellText(row.cells.get(spec.group.name) ?? null) : '',
          };
        })
        .sort((a, b) => a.at - b.at);
      return { ...base, categories: [], series: [], events: events.map(({ at: _, ...e }) => e) };
    }
  }
}

/**
 * The `data-chart` attribute value: base64 of the JSON (UTF-8). Opaque on purpose: smaller than
 * JSON with every quote escaped, and raw data values never look like the figure's drawn geometry.
 */
export function chartDataAttribute(spec: ChartSpec, data: Dataset): string {
  const bytes = new TextEncoder().encode(JSON.stringify(chartData(spec, data)));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
