import { ChartError, type Where } from './types.ts';

/**
 * The most values one chart draws (rows × series). Measured on a line chart: 20,000 points compile in
 * ~0.5 s to 1.7 MB of SVG; 200,000 took 8 s and 17.7 MB, and 3 M rows ended in a V8 heap abort. A 1920 px
 * slide has fewer columns of pixels than that, so more points add weight, not information.
 */
export const MAX_POINTS = 20_000;

const HINT = 'aggregate or sample your data: one row per day, week or bucket, or every n-th row (a slide is about 1,600 pixels wide)';
const count = (n: number) => n.toLocaleString('en-US');

function refuse(at: Where, what: string): never {
  throw new ChartError(at, `${what}; a chart draws at most ${count(MAX_POINTS)} points.`, HINT, 'chart-too-large');
}

/**
 * A cheap look before parsing: a data file whose text alone shows far more rows than a chart draws is refused
 * without being parsed (a 34 MB CSV would take a minute and gigabytes). Lines (CSV) or `{` (JSON records)
 * are counted; twice the limit leaves room for quoted line breaks and nested objects, and the exact count
 * is checked after parsing (`checkPoints`).
 */
export function checkDataSize(text: string, path: string, at: Where, kind: 'csv' | 'json'): void {
  const mark = kind === 'csv' ? 10 : 123; // '\n', '{'
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === mark && ++n > 2 * MAX_POINTS)
      refuse(at, `${path} has more than ${count(2 * MAX_POINTS)} ${kind === 'csv' ? 'lines' : 'records'}`);
  }
}

/** The rows × series the chart would draw, refused beyond MAX_POINTS at the chart's `data:` line. */
export function checkPoints(rows: number, series: number, at: Where, origin: string): void {
  const points = rows * Math.max(1, series);
  if (points <= MAX_POINTS) return;
  refuse(at, `${origin} has ${count(rows)} rows${series > 1 ? ` × ${series} series = ${count(points)} points` : ''}`);
}
