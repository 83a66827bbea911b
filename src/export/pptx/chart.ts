import type { ChartName, ChartOptions, ChartSeries, Slide } from './pptxgen.ts';
import type { ChartData } from '../../charts/chart-data.ts';
import { placePlot } from './chart-fit.ts';
import { excelFormat } from './number-format.ts';
import type { ChartScan } from './scan-chart.ts';
import type { Units } from './units.ts';
import type { Box } from './types.ts';


/** The `data-chart` attribute back into its JSON. */
export function decodeChart(attribute: string): ChartData {
  return JSON.parse(Buffer.from(attribute, 'base64').toString('utf8')) as ChartData;
}

/** Which parts of the SVG become shapes beside the native chart, by kind. */
export function extraSelector(kind: ChartData['kind']): string {
  if (kind === 'timeline') return 'rect, circle, line, text';
  const annotations = '.annotation line, .annotation circle, .annotation text';
  return kind === 'scatter' ? `.region rect, .region text, .rule line, .rule text, ${annotations}` : kind === 'bar' ? '' : annotations;
}

/**
 * Adds a native chart (data, series names, axis titles and number format as the deck has them, colours from
 * the theme) over the box where the SVG was. Timelines have no native kind and are left to their shapes.
 */
export function addNativeChart(slide: Slide, data: ChartData, box: Box, scan: ChartScan, u: Units): boolean {
  if (data.kind === 'timeline') return false;
  const { theme } = scan;
  const place = placePlot(data, scan.marks);
  const format = excelFormat(data.format);
  const font = { fontFace: theme.font, color: theme.muted };
  const size = u.pt(theme.tick);
  const many = data.series.length > 1;
  const printed = (data.kind === 'column' || data.kind === 'bar') && (data.values ?? true);
  const options: ChartOptions = {
    ...u.rect(box),
    altText: data.title, chartColors: theme.series.slice(0, Math.max(1, data.series.length)),
    showLegend: many && data.kind !== 'line' && data.kind !== 'stacked' ? true : many, legendPos: 't', legendFontFace: theme.font, legendFontSize: size, legendColor: theme.text,
    catAxisLabelColor: theme.muted, catAxisLabelFontFace: font.fontFace, catAxisLabelFontSize: size, catAxisLineShow: true, catAxisLineColor: theme.axis,
    valAxisLabelColor: theme.muted, valAxisLabelFontFace: font.fontFace, valAxisLabelFontSize: size, valAxisLineShow: false,
    valAxisLabelFormatCode: format, valLabelFormatCode: format, dataLabelFormatCode: format,
    valGridLine: { color: theme.grid, size: 1 }, catGridLine: { style: 'none' },
    showValAxisTitle: Boolean(data.unit), valAxisTitle: data.unit, valAxisTitleColor: theme.muted, valAxisTitleFontFace: theme.font, valAxisTitleFontSize: size,
    showCatAxisTitle: Boolean(data.xUnit), catAxisTitle: data.xUnit, catAxisTitleColor: theme.muted, catAxisTitleFontFace: theme.font, catAxisTitleFontSize: size,
    dataLabelColor: theme.text, dataLabelFontFace: theme.font, dataLabelFontSize: size,
  };
  if (place) {
    options.layout = { x: (place.plot.x - box.x) / box.w, y: (place.plot.y - box.y) / box.h, w: place.plot.w / box.w, h: place.plot.h / box.h };
    if (place.y) [options.valAxisMinVal, options.valAxisMaxVal] = place.y;
    if (place.gap !== undefined) options.barGapWidthPct = Math.min(500, place.gap);
  }
  let type: ChartName;
  let series: ChartSeries[];
  if (data.kind === 'scatter') {
    type = 'scatter';
    const s = data.series[0]!;
    series = [{ name: data.x, values: data.xValues ?? [] }, { name: s.name, values: s.values.map((v) => v ?? 0), labels: data.labels ?? [] }];
    Object.assign(options, {
      lineSize: 0, lineDataSymbol: 'circle', lineDataSymbolSize: Math.max(4, Math.round(u.pt(scan.theme.tick * 0.75))), lineDataSymbolLineSize: 0,
      showLabel: Boolean(data.labels?.some(Boolean)), dataLabelFormatScatter: 'custom', dataLabelPosition: 'r',
      showValAxisTitle: true, valAxisTitle: data.unit ?? s.name, showCatAxisTitle: true, catAxisTitle: data.xUnit ?? data.x,
      catGridLine: { color: theme.grid, size: 1 },
    } satisfies ChartOptions);
    if (data.yScale === 'log') options.valAxisLogScaleBase = 10;
    if (place?.x) [options.catAxisMinVal, options.catAxisMaxVal] = place.x;
  } else {
    const labels = data.categories;
    // pptxgenjs writes a number 0 into the data sheet as an empty cell: the string "0" survives (workbooks.ts).
    series = data.series.map((s) => ({ name: s.name, labels, values: s.values.map((v) => (v === 0 ? '0' : v)) as number[] }));
    if (data.kind === 'line') {
      type = 'line';
      Object.assign(options, { lineSize: Math.max(1, Math.round(u.pt(4 * theme.tick / 24))), lineDataSymbol: 'none', displayBlanksAs: 'gap' } satisfies ChartOptions);
      if (data.yScale === 'log') options.valAxisLogScaleBase = 10;
    } else {
      type = 'bar';
      options.barDir = data.kind === 'bar' ? 'bar' : 'col';
      options.barGrouping = data.kind === 'stacked' ? 'stacked' : 'clustered';
      if (data.kind === 'stacked') options.barOverlapPct = 100;
      // The SVG lists bars top to bottom; PowerPoint starts at the bottom unless the axis is reversed.
      if (data.kind === 'bar') options.catAxisOrientation = 'maxMin' as 'minMax';
      if (printed) Object.assign(options, { showValue: true, dataLabelPosition: 'outEnd', valAxisHidden: true, valGridLine: { style: 'none' } } satisfies ChartOptions);
    }
  }
  slide.addChart(type, series, options);
  return true;
}
