import { extent } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { fitTicks, fitTimeTicks } from './axis.ts';
import { startOnTick } from './time-axis.ts';
import { dateAt, numberAt, rowName } from './columns.ts';
import { cellText, clip, dateText, looksLikeDate, parseDate, parseNumber, valueFormatter, xNumberFormatter } from './values.ts';
import { ChartError } from './types.ts';
import type { Tick } from './axis.ts';
import type { Annotation, ChartSpec, Dataset } from './types.ts';

/** The x of each row as a number (epoch ms on a time axis) and in words. */
export interface XValues {
  time: boolean;
  values: number[];
  text: string[];
}

/**
 * Reads a continuous x column. It is a time axis when `xType: time`, or when the first
 * value is written like a date (YYYY, YYYY-MM, YYYY-MM-DD); every row must then agree.
 */
export function readX(spec: ChartSpec, data: Dataset): XValues {
  const name = spec.x!.name;
  const first = data.rows.map((r) => r.cells.get(name) ?? null).find((c) => cellText(c) !== '') ?? null;
  const time = spec.xType ? spec.xType === 'time' : looksLikeDate(first);
  // On a date axis xFormat is a date format (the ticks use it); only a number axis formats numbers with it.
  const number = time ? valueFormatter(undefined) : xNumberFormatter(spec, name);
  const values: number[] = [];
  const text: string[] = [];
  for (const row of data.rows) {
    const v = time ? dateAt(row, name, spec) : numberAt(row, name, spec);
    if (v === null) {
      throw new ChartError(
        { file: row.where.file, line: row.cellLines.get(name) ?? row.where.line },
        `${rowName(row, spec, name)} has no ${name}.`,
        `Fill in ${name}, or remove the row.`,
      );
    }
    values.push(typeof v === 'number' ? v : v.date.getTime());
    text.push(typeof v === 'number' ? number(v) : dateText(v));
  }
  return { time, values, text };
}

/** Where an annotation's x falls, checked against the axis type and the data's range. */
export function xPosition(a: Annotation, spec: ChartSpec, xs: XValues, domain: readonly [number, number]): number {
  const where = { file: spec.where.file, line: a.line };
  const written = clip(cellText(a.x));
  let at: number;
  if (xs.time) {
    const d = parseDate(a.x);
    if (!d) throw new ChartError(where, `The annotation x "${written}" is not a date.`, 'Write it like the data: YYYY-MM-DD, YYYY-MM or YYYY.');
    at = d.date.getTime();
  } else {
    const n = parseNumber(a.x);
    if (n === null || n === undefined) throw new ChartError(where, `The annotation x "${written}" is not a number.`, 'Write a plain number on the x axis.');
    at = n;
  }
  if (at < domain[0] || at > domain[1]) {
    const lo = xs.text[xs.values.indexOf(domain[0])];
    const hi = xs.text[xs.values.indexOf(domain[1])];
    throw new ChartError(where, `The annotation x "${written}" lies outside the data, which runs from ${lo} to ${hi}.`, 'Move it inside the range of x.');
  }
  return at;
}

/** A continuous x axis over given positions: where a value goes, and ticks that fit. */
export interface XAxis {
  at(value: number): number;
  ticks: Tick[];
  domain: [number, number];
}

/** Builds the x axis from d3's UTC time or linear scale; labels use `specifier` if given. */
export function xAxis(xs: XValues, range: [number, number], specifier: string | undefined): XAxis {
  // d3's extent, not Math.min(...values): spreading 125k values into arguments overflows the stack.
  const [lo = 0, hi = 0] = extent(xs.values);
  const domain: [number, number] = [lo, hi];
  if (xs.time) {
    const s = startOnTick(
      scaleUtc()
        .domain(domain.map((v) => new Date(v)))
        .range(range),
      range[0],
      specifier,
    );
    return { at: (v) => s(v), ticks: fitTimeTicks(s, 8, specifier), domain };
  }
  const s = scaleLinear().domain(domain).range(range);
  // Whole-number x (years, counts) gets whole-number ticks: 2021.5 printed as "2022" would repeat a label.
  const whole = xs.values.every(Number.isInteger);
  const ticker = whole
    ? Object.assign((v: number) => s(v), {
        ticks: (c?: number) => s.ticks(c).filter(Number.isInteger),
        tickFormat: (c?: number, sp?: string) => s.tickFormat(Math.min(c ?? 10, Math.max(1, hi - lo)), sp),
      })
    : s;
  return { at: (v) => s(v), ticks: fitTicks<number>(ticker, 8, specifier, 'x'), domain };
}
