import { maxIndex, minIndex } from 'd3-array';
import { el, esc } from './svg.ts';

/** The data table a chart ships for screen readers: header cells and body rows, as plain text. */
export interface Table {
  head: string[];
  rows: string[][];
}

/** What a chart kind renders: SVG content, its viewBox height and words for <desc>. */
export interface ChartOutput {
  body: string;
  height: number;
  summary: string;
  table: Table;
}

/** A named series as `at` (x in words) and `value` (formatted) pairs, for summaries. */
export interface Point {
  at: string;
  value: number;
}

/** One sentence per series of per-category values (nulls skipped), as column and stacked charts describe them. */
export function categorySentences(
  names: readonly string[],
  values: readonly (readonly (number | null)[])[],
  cats: readonly string[],
  fmt: (n: number) => string,
): string {
  return values
    .map((s, i) =>
      seriesSentence(
        names[i]!,
        s.flatMap((v, j) => (v === null ? [] : [{ at: cats[j]!, value: v }])),
        fmt,
      ),
    )
    .join(' ');
}

/**
 * One sentence about a series: where it starts and ends and its extremes, which is
 * what a sighted reader takes from a glance at the chart.
 */
export function seriesSentence(name: string, points: readonly Point[], fmt: (n: number) => string): string {
  if (points.length === 0) return `${name} has no values.`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const hi = points[maxIndex(points, (p) => p.value)]!;
  const lo = points[minIndex(points, (p) => p.value)]!;
  if (points.length === 1) return `${name}: ${fmt(first.value)} (${first.at}).`;
  return `${name}: from ${fmt(first.value)} (${first.at}) to ${fmt(last.value)} (${last.at}); highest ${fmt(hi.value)} (${hi.at}), lowest ${fmt(lo.value)} (${lo.at}).`;
}

/** Joins a list for prose: "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The visually hidden data table, every cell escaped. */
export function tableHtml(table: Table, caption: string): string {
  const head = el('tr', {}, ...table.head.map((h) => el('th', { scope: 'col' }, esc(h))));
  const body = table.rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, esc(c)) : el('td', {}, esc(c))))));
  return el('table', { class: 'sr-only' }, el('caption', {}, esc(caption)), el('thead', {}, head), el('tbody', {}, body));
}
