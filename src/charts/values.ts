import { ChartError } from './types.ts';
import { format, formatSpecifier } from 'd3-format';
import { utcFormat, utcParse } from 'd3-time-format';
import type { Cell } from './types.ts';

/** A parsed date and how precisely the author wrote it (2025, 2025-01, 2025-01-27). */
export interface DateValue {
  date: Date;
  precision: 'year' | 'month' | 'day';
}

// Strict on purpose: "1,234" or "12%" in a data file is more likely a mistake than a wish.
// `\d+(\.\d*)?`, not `\d+\.?\d*`: the two digit runs could split a long number every way, quadratic on a miss.
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_SPECS = { year: '%Y', month: '%Y-%m', day: '%Y-%m-%d' } as const;

/** The text of a cell as the author wrote it ('' when missing). */
export function cellText(cell: Cell): string {
  return cell === null ? '' : String(cell).trim();
}

/** Text for a message: a long cell is cut, so an error never echoes a whole 100k-character value. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A list for a message, cut after `max` items. */
export function clipList(items: readonly string[], max = 12): string {
  const shown = items
    .slice(0, max)
    .map((i) => clip(i, 40))
    .join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** A number, null when the cell is empty, or undefined when it is not a number. */
export function parseNumber(cell: Cell): number | null | undefined {
  if (cell === null) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'boolean') return undefined;
  const s = cell.trim();
  if (s === '') return null;
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Whether a cell is written like a date, so an x column of them makes a time axis. */
export function looksLikeDate(cell: Cell): boolean {
  return (typeof cell === 'string' || typeof cell === 'number') && DATE.test(String(cell).trim());
}

/** A date, null when the cell is empty, or undefined when it is not a real YYYY[-MM[-DD]] date. */
export function parseDate(cell: Cell): DateValue | null | undefined {
  const s = cellText(cell);
  if (s === '') return null;
  if (!DATE.test(s)) return undefined;
  const precision = s.length === 4 ? 'year' : s.length === 7 ? 'month' : 'day';
  const spec = DATE_SPECS[precision];
  const date = utcParse(spec)(s);
  // d3 rolls 2025-02-30 over into March; a round trip catches dates that do not exist.
  return date && utcFormat(spec)(date) === s ? { date, precision } : undefined;
}

// Four significant digits: enough to read a value, short enough for a label.
const DEFAULT_FORMAT = ',.4~r';

/** Formats values with the spec's d3-format string, or a short readable default. */
export function valueFormatter(specifier: string | undefined): (n: number) => string {
  return format(specifier ?? DEFAULT_FORMAT);
}

/**
 * The specifier for axis ticks: the author's format without its precision, so d3's
 * tickFormat picks the precision the tick step needs ("$.1f" gives $0, $1, $2).
 */
export function tickSpecifier(specifier: string | undefined): string | undefined {
  if (specifier === undefined) return undefined;
  const s = formatSpecifier(specifier);
  s.precision = undefined;
  return s.toString();
}

/**
 * The tick specifier for a value axis. On a log axis d3 labels ticks with SI prefixes by default, and
 * "100m" for 0.1 reads as minutes or millions: plain numbers (trimmed, with thousands separators) instead.
 */
export function axisSpecifier(specifier: string | undefined, log: boolean): string | undefined {
  return tickSpecifier(specifier) ?? (log ? ',~r' : undefined);
}

// d3-format quietly treats an unknown type letter as "g"; a typo should be an error instead.
const FORMAT_TYPES = new Set(['', 'e', 'f', 'g', 'r', 's', '%', 'p', 'b', 'o', 'd', 'x', 'X', 'c', 'n']);

/** Whether `s` is a d3-time-format string: it has a directive such as %b or %Y (d3-format's percent is a bare %). */
export function isTimeFormat(s: string): boolean {
  return /%[-_0]?[a-zA-Z]/.test(s);
}

/**
 * The formatter for numbers on an x axis. `xFormat` may be a date format, meant for a date axis: on a number
 * axis that is an error about the chart, not d3-format's exception.
 */
export function xNumberFormatter(spec: { xFormat: string | undefined; where: { file: string; line: number } }, xName: string): (n: number) => string {
  if (spec.xFormat !== undefined && isTimeFormat(spec.xFormat)) {
    throw new ChartError(
      spec.where,
      `xFormat "${spec.xFormat}" formats dates, but ${xName} holds numbers.`,
      'Use a d3-format string such as ",.0f" or "d", or give x dates (YYYY-MM-DD).',
    );
  }
  return valueFormatter(spec.xFormat);
}

/** Whether `s` is a valid d3-format specifier with a type d3 knows. */
export function isFormat(s: string): boolean {
  try {
    return FORMAT_TYPES.has(formatSpecifier(s).type);
  } catch {
    return false;
  }
}

const DATE_TEXT = { year: '%Y', month: '%b %Y', day: '%-d %b %Y' } as const;

/** A date as a reader would say it, at the precision the author wrote it. */
export function dateText(value: DateValue, specifier?: string): string {
  return utcFormat(specifier ?? DATE_TEXT[value.precision])(value.date);
}
