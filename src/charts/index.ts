import { listWords, tableHtml } from './describe.ts';
import { WIDTH } from './layout.ts';
import { renderBar } from './bar.ts';
import { renderColumn } from './column.ts';
import { renderLine } from './line.ts';
import { renderScatter } from './scatter.ts';
import { renderStacked } from './stacked.ts';
import { renderTimeline } from './timeline.ts';
import { renderDumbbell } from './dumbbell.ts';
import { el, esc } from './svg.ts';
import { chartDataAttribute } from './chart-data.ts';
import type { ChartOutput } from './describe.ts';
import type { ChartKind, ChartSpec, Dataset } from './types.ts';

const RENDERERS: Record<ChartKind, (spec: ChartSpec, data: Dataset) => ChartOutput> = {
  line: renderLine,
  column: renderColumn,
  bar: renderBar,
  stacked: renderStacked,
  scatter: renderScatter,
  timeline: renderTimeline,
  dumbbell: renderDumbbell,
};

/** What the figure needs besides spec and data: an id prefix and the cited source labels. */
export interface FigureOptions {
  idPrefix: string;
  sources: readonly string[];
}

/**
 * Renders a validated spec and its rows as a <figure>: the SVG (with <title> and <desc>),
 * a visually hidden data table, then the caption and source line.
 */
export function renderChart(spec: ChartSpec, data: Dataset, opts: FigureOptions): string {
  const out = RENDERERS[spec.kind](spec, data);
  const id = (part: string) => `${opts.idPrefix}-${part}`;
  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'chart-svg',
      viewBox: `0 0 ${WIDTH} ${Math.round(out.height)}`,
      width: '100%',
      // When a slide squeezes the chart, it shrinks from the right and stays aligned with the text.
      preserveAspectRatio: 'xMinYMid meet',
      role: 'img',
      'aria-labelledby': id('title'),
      'aria-describedby': id('desc'),
    },
    el('title', { id: id('title') }, esc(spec.title)),
    el('desc', { id: id('desc') }, esc(out.summary + notes(spec))),
    out.body,
  );
  const caption = spec.caption ? el('p', { class: 'chart-caption' }, esc(spec.caption)) : '';
  const label = opts.sources.length > 1 ? 'Sources' : 'Source';
  const source = opts.sources.length ? el('p', { class: 'chart-source' }, `${label}: ${esc(opts.sources.join(' · '))}`) : '';
  return el(
    'figure',
    // The values themselves, for exporters that redraw the chart natively (chokepoint pptx).
    { class: `chart chart-${spec.kind}`, id: opts.idPrefix, 'data-chart': chartDataAttribute(spec, data) },
    svg,
    tableHtml(out.table, spec.title),
    caption || source ? el('figcaption', {}, caption, source) : '',
  );
}

/** Annotations are part of what the chart says, so the description repeats them. */
function notes(spec: ChartSpec): string {
  const labels = spec.annotate.map((a) => a.label);
  const rules = spec.kind === 'scatter' || spec.kind === 'timeline' ? [] : spec.rules.map((r) => r.label);
  return (
    (labels.length ? ` Marked: ${listWords(labels)}.` : '') +
    (rules.length ? ` Reference lines: ${listWords(rules)}.` : '') +
    (spec.highlight ? ` Highlighted: ${listWords(spec.highlight.names)}.` : '')
  );
}
