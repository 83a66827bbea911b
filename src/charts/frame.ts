import { scaleLinear, scaleLog } from 'd3-scale';
import { extent } from 'd3-array';
import { fitTicks, tickWidth } from './axis.ts';
import { FONT, GAP, HEIGHT } from './layout.ts';
import { ChartError } from './types.ts';
import type { Tick } from './axis.ts';
import type { ChartSpec, Where } from './types.ts';

/** A numeric d3 scale (linear or log) as the charts use it. */
export interface ValueScale {
  (value: number): number;
  domain(): number[];
  domain(domain: Iterable<number>): this;
  range(): number[];
  range(range: Iterable<number>): this;
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (d: number) => string;
  nice(): this;
  copy(): this;
}

/** Room above the plot for a unit title. */
export const UNIT_ROOM = FONT.tick + 2 * GAP;
/** Room under the plot for bottom tick labels. */
export const TICK_ROOM = FONT.tick + 2 * GAP + 4;

/**
 * A nice value scale over `values` (and zero, for bars and lines, so lengths stay honest),
 * unless the author fixed the domain. Log scales refuse values they cannot show.
 */
export function valueScale(
  values: readonly number[],
  opts: { log: boolean; zero: boolean; domain: [number, number] | undefined; where: Where; axis: string },
): ValueScale {
  if (opts.log) {
    const bad = values.find((v) => v <= 0);
    if (bad !== undefined) {
      throw new ChartError(
        opts.where,
        `The ${opts.axis} values include ${bad}, which a log scale cannot show.`,
        `Remove \`${opts.axis}Scale: log\` or drop values at or below zero.`,
      );
    }
  }
  const [lo = 0, hi = 1] = extent(opts.zero && !opts.log ? [0, ...values] : values);
  // A single value still needs an extent to scale over: widen it around the value.
  const single = opts.log ? [lo / 10, hi * 10] : [lo - 1, hi + 1];
  const domain = opts.domain ?? (lo === hi ? single : [lo, hi]);
  const scale: ValueScale = opts.log ? scaleLog() : scaleLinear();
  scale.domain(domain);
  return opts.domain ? scale : scale.nice();
}

/** How many value ticks fit in `length` without crowding. */
export function tickCount(length: number): number {
  return Math.max(2, Math.floor(length / 90));
}

/** Value-axis ticks for the scale's current range (vertical). */
export function yTicks(scale: ValueScale, specifier: string | undefined): Tick[] {
  const [a, b] = scale.range() as [number, number];
  return fitTicks(scale, tickCount(Math.abs(a - b)), specifier, 'y');
}

/**
 * Left margin for a vertical value axis: wide enough for its tick labels. The ticks are
 * computed on the default height, which is what the plot roughly gets.
 */
export function leftFor(scale: ValueScale, specifier: string | undefined, height: number): number {
  const probe = scale.copy().range([height - 120, 0]);
  return Math.max(48, Math.ceil(tickWidth(yTicks(probe, specifier)) + 2 * GAP));
}

/** The viewBox height the spec asks for. */
export function heightOf(spec: ChartSpec): number {
  return spec.height ?? HEIGHT;
}
