import type { ChartName, ChartOptions, ChartSeries, Slide } from './pptxgen.ts';
import type { ChartData } from '../../charts/chart-data.ts';
import type { ChartKind } from '../../charts/types.ts';
import { placePlot } from './chart-fit.ts';
import { precisionFixed } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import { tickSpecifier } from '../../charts/values.ts';
import { excelDate, excelFormat } from './number-format.ts';
import type { ChartScan } from './scan-chart.ts';
import type { Units } from './units.ts';
import type { Box } from './types.ts';

/** The `data-chart` attribute back into its JSON. */
export function decodeChart(attribute: string): ChartData {
  return JSON.parse(Buffer.from(attribute, 'base64').toString('utf8')) as ChartData;
}

const ANNOTATIONS = '.annotation line, .annotation circle, .annotation text';
const RULES = '.rule line, .rule text';
const ALL_SHAPES = { native: false, under: '', over: 'rect, circle, line, text' } as const;

/** The PowerPoint chart a kind becomes: its chart type and, for bars, their direction and grouping. */
export type NativeChart = { type: 'line' } | { type: 'scatter' } | { type: 'bar'; dir: 'col' | 'bar'; grouping: 'clustered' | 'stacked' };

/**
 * How each kind goes to PowerPoint: as a native chart (`native`) with the parts of the SVG it cannot hold
 * copied as shapes drawn under and over it, or wholly as shapes. Highlighted and estimated marks the native
 * chart cannot style per point are copied over it too. A kind missing here is a type error.
 */
export const PPTX_KINDS: Record<ChartKind, { native: NativeChart | false; under: string; over: string }> = {
  // Lines and stacks name their series at the right end, as the SVG does, instead of a legend.
  line: { native: { type: 'line' }, under: '', over: `g.series > text, circle.hl, ${RULES}, ${ANNOTATIONS}` },
  column: {
    native: { type: 'bar', dir: 'col', grouping: 'clustered' },
    under: '',
    over: `g.series > text.label, rect.est, rect.lit, ${RULES}, ${ANNOTATIONS}`,
  },
  bar: { native: { type: 'bar', dir: 'bar', grouping: 'clustered' }, under: '', over: `rect.est, rect.lit, ${RULES}` },
  stacked: {
    native: { type: 'bar', dir: 'col', grouping: 'stacked' },
    under: '',
    over: `.totals text, g.series > text, rect.est, rect.lit, ${RULES}, ${ANNOTATIONS}`,
  },
  // Scatter point labels keep the SVG's collision-free placement (PowerPoint's own would overlap the rules).
  scatter: { native: { type: 'scatter' }, under: '.region rect', over: `.region text, ${RULES}, .points text, .point.hl circle, circle.est, ${ANNOTATIONS}` },
  timeline: ALL_SHAPES,
  dumbbell: ALL_SHAPES,
};

/** Which parts of the SVG become shapes beside the native chart, by kind: drawn under it, and over it. */
export function extraSelectors(kind: ChartKind): { under: string; over: string } {
  const { under, over } = PPTX_KINDS[kind];
  return { under, over };
}

/**
 * The native chart's colours as the SVG painted its marks (highlight, context grey, entity colours): one
 * per series, or one per bar when a single series' bars differ (a highlighted category).
 */
function markColours(data: ChartData, scan: ChartScan): string[] {
  const { bars, lines, dots } = scan.marks;
  // A native chart colours a series once: it takes the colour most of its marks have, and the marks that
  // differ (a highlighted point, a highlighted category's columns) are copied over it as shapes.
  const common = (list: readonly string[]) => [...new Set(list)].sort((a, b) => list.filter((c) => c === b).length - list.filter((c) => c === a).length)[0];
  const native = PPTX_KINDS[data.kind].native;
  if (native && native.type === 'scatter') return [common(dots.map((d) => d.colour)) ?? scan.theme.series[0]!];
  if (data.series.length === 1 && bars.length > 1 && new Set(bars.map((b) => b.colour)).size > 1 && bars.length === data.categories.length)
    return bars.map((b) => b.colour);
  return data.series.map(
    (_, i) =>
      common([...bars.filter((b) => b.series === i), ...lines.filter((l) => l.series === i)].map((m) => m.colour)) ??
      scan.theme.series[i % scan.theme.series.length]!,
  );
}

/**
 * Adds a native chart (data, series names, axis titles and number format as the deck has them, colours from
 * the theme) over the box where the SVG was. Timelines have no native kind and are left to their shapes.
 */
export function addNativeChart(slide: Slide, data: ChartData, svg: Box, scan: ChartScan, u: Units): boolean {
  const native = PPTX_KINDS[data.kind].native;
  if (!native) return false;
  const bars = native.type === 'bar' ? native : undefined;
  const { theme } = scan;
  // The SVG prints its unit above the plot; PowerPoint puts the axis title beside the tick labels: give it room on the left.
  const room = Math.min(svg.x, 48);
  const box = { ...svg, x: svg.x - room, w: svg.w + room };
  const place = placePlot(data, scan.marks);
  const magnitude = Math.max(0, ...data.series.flatMap((x) => x.values.map((v) => Math.abs(v ?? 0))));
  const format = excelFormat(data.format, magnitude);
  const font = { fontFace: theme.font, color: theme.muted };
  const size = u.pt(theme.tick);
  const many = data.series.length > 1;
  const printed = bars?.grouping === 'clustered' && (data.values ?? true);
  const options: ChartOptions = {
    ...u.rect(box),
    altText: data.title,
    chartColors: markColours(data, scan),
    showLegend: many && scan.legend,
    legendPos: 't',
    legendFontFace: theme.font,
    legendFontSize: size,
    legendColor: theme.text,
    catAxisLabelColor: theme.muted,
    catAxisLabelFontFace: font.fontFace,
    catAxisLabelFontSize: size,
    catAxisLineShow: true,
    catAxisLineColor: theme.axis,
    valAxisLabelColor: theme.muted,
    valAxisLabelFontFace: font.fontFace,
    valAxisLabelFontSize: size,
    valAxisLineShow: false,
    valAxisLabelFormatCode: format,
    valLabelFormatCode: format,
    dataLabelFormatCode: format,
    valGridLine: { color: theme.grid, size: 1 },
    catGridLine: { style: 'none' },
    showValAxisTitle: Boolean(data.unit),
    valAxisTitle: data.unit,
    valAxisTitleColor: theme.muted,
    valAxisTitleFontFace: theme.font,
    valAxisTitleFontSize: size,
    showCatAxisTitle: Boolean(data.xUnit),
    catAxisTitle: data.xUnit,
    catAxisTitleColor: theme.muted,
    catAxisTitleFontFace: theme.font,
    catAxisTitleFontSize: size,
    dataLabelColor: theme.text,
    dataLabelFontFace: theme.font,
    dataLabelFontSize: size,
  };
  if (place) {
    options.layout = { x: (place.plot.x - box.x) / box.w, y: (place.plot.y - box.y) / box.h, w: place.plot.w / box.w, h: place.plot.h / box.h };
    if (place.y) {
      [options.valAxisMinVal, options.valAxisMaxVal] = place.y;
      // Ticks as the SVG has them: about one per 90 viewBox units, labelled without the values' precision.
      const step = tickStep(place.y, (place.plot.h * 1600) / svg.w);
      if (step && bars?.dir !== 'bar' && data.yScale !== 'log') {
        options.valAxisMajorUnit = step;
        options.valAxisLabelFormatCode = excelFormat(withPrecision(tickSpecifier(data.format), precisionFixed(step)), magnitude);
      }
    }
    if (place.gap !== undefined) options.barGapWidthPct = Math.min(500, place.gap);
  }
  let type: ChartName;
  let series: ChartSeries[];
  if (native.type === 'scatter') {
    type = 'scatter';
    const s = data.series[0]!;
    series = [
      { name: data.x, values: data.xValues ?? [] },
      { name: s.name, values: s.values.map((v) => v ?? 0) },
    ];
    Object.assign(options, {
      lineSize: 0,
      lineDataSymbol: 'circle',
      lineDataSymbolSize: Math.max(4, Math.round(u.pt(scan.theme.tick * 0.75))),
      lineDataSymbolLineSize: 0,
      showLabel: false,
      showValAxisTitle: true,
      valAxisTitle: data.unit ?? s.name,
      showCatAxisTitle: true,
      catAxisTitle: data.xUnit ?? data.x,
      catGridLine: { color: theme.grid, size: 1 },
    } satisfies ChartOptions);
    if (data.yScale === 'log') options.valAxisLogScaleBase = 10;
    if (place?.x) [options.catAxisMinVal, options.catAxisMaxVal] = place.x;
  } else {
    const labels = data.categories;
    // pptxgenjs writes a number 0 into the data sheet as an empty cell: the string "0" survives (workbooks.ts).
    series = data.series.map((s) => ({ name: s.name, labels, values: s.values.map((v) => (v === 0 ? '0' : v)) as number[] }));
    if (!bars) {
      type = 'line';
      if (data.xTime && data.xValues) dateAxis(options, series, data.xValues);
      Object.assign(options, {
        lineSize: Math.max(1, Math.round(u.pt((4 * theme.tick) / 24))),
        lineDataSymbol: 'none',
        displayBlanksAs: 'gap',
      } satisfies ChartOptions);
      if (data.yScale === 'log') options.valAxisLogScaleBase = 10;
    } else {
      type = 'bar';
      options.barDir = bars.dir;
      options.barGrouping = bars.grouping;
      // The SVG leaves a hairline between a category's columns, and none between a stack's segments.
      options.barOverlapPct = bars.grouping === 'stacked' ? 100 : many ? -8 : 0;
      // The SVG lists bars top to bottom; PowerPoint starts at the bottom unless the axis is reversed.
      if (bars.dir === 'bar')
        Object.assign(options, { catAxisOrientation: 'maxMin' as 'minMax', catAxisLabelColor: theme.text, catAxisLabelFontSize: u.pt((theme.tick * 26) / 24) });
      if (printed)
        Object.assign(options, { showValue: true, dataLabelPosition: 'outEnd', valAxisHidden: true, valGridLine: { style: 'none' } } satisfies ChartOptions);
    }
  }
  slide.addChart(type, series, options);
  return true;
}

/** A time x axis: dates as spreadsheet serials on a date axis, so points sit at their dates as in the SVG. */
function dateAxis(options: ChartOptions, series: ChartSeries[], xs: number[]): void {
  const serials = xs.map((x) => Math.round(excelDate(x) * 1000) / 1000);
  for (const s of series) s.labels = serials.map(String);
  const days = Math.max(...serials) - Math.min(...serials);
  const years = days > 4 * 365;
  Object.assign(options, {
    catLabelFormatCode: years ? 'yyyy' : 'mmm yyyy',
    catAxisBaseTimeUnit: 'days',
    catAxisMajorTimeUnit: years ? 'years' : 'months',
    catAxisMajorUnit: years ? Math.max(1, Math.ceil(days / 365 / 8)) : Math.max(1, Math.ceil(days / 30.4 / 8)),
    catAxisMinVal: Math.min(...serials),
    catAxisMaxVal: Math.max(...serials),
  } satisfies ChartOptions);
}

/** d3's tick step for a domain drawn `length` viewBox units long (frame.ts tickCount), if the domain is linear-friendly. */
function tickStep(domain: [number, number], length: number): number | undefined {
  const ticks = scaleLinear()
    .domain(domain)
    .ticks(Math.max(2, Math.floor(length / 90)));
  return ticks.length > 1 ? ticks[1]! - ticks[0]! : undefined;
}

/** A d3-format specifier with its precision set: "$.2f" with 0 is "$.0f"; none stays none (General). */
function withPrecision(specifier: string | undefined, precision: number): string | undefined {
  if (!specifier) return undefined;
  return specifier.replace(/^(.*?)(\.\d+)?(~?[a-z%]?)$/, `$1.${precision}$3`);
}
