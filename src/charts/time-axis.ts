import { utcMonth } from 'd3-time';
import { fitTimeTicks } from './axis.ts';
import type { Tick } from './axis.ts';
import { FONT, GAP, textWidth } from './layout.ts';
import type { ScaleTime } from 'd3-scale';

/** How many ticks a timeline's date band shows at most. */
export const TIMELINE_TICKS = 8;
const DAY = 864e5;

/**
 * Moves the axis start back to the tick before its first date: d3 puts ticks on round dates, and an event on
 * 8 Dec with quarterly ticks from Jan read as off the scale, a line's first point sat on the value axis (month
 * steps and longer; timelines and time-axis line charts). A few rounds, as a wider domain may pick a wider step.
 */
export function startOnTick(x: ScaleTime<number, number>, left: number, specifier?: string): ScaleTime<number, number> {
  let scale = x;
  for (let round = 0; round < 3; round++) {
    const ticks = fitTimeTicks(scale, TIMELINE_TICKS, specifier);
    if (ticks.length < 2 || ticks[0]!.pos <= left + 0.5) return scale;
    const [a, b] = [scale.invert(ticks[0]!.pos), scale.invert(ticks[1]!.pos)];
    const step = b.getTime() - a.getTime();
    const months = Math.round(step / (30.44 * DAY));
    // Day and week steps leave the first event at most days before the first tick: not worth a wider axis.
    if (months < 1) return scale;
    scale = scale.copy().domain([utcMonth.offset(utcMonth.round(a), -months), scale.domain()[1]!]);
  }
  return scale;
}

/**
 * Tick labels a dated rule's line would run into ("today" beside "Jan 2027") are left out; the rule carries its
 * own date. A left-out label that named a new year hands the year to the next label ("Apr" becomes "Apr 2027").
 */
export function clearOfRules(ticks: readonly Tick[], ruleXs: readonly number[]): Tick[] {
  const out: Tick[] = [];
  let year: string | undefined;
  for (const t of ticks) {
    const label = year && !YEAR.test(t.label) ? `${t.label} ${year}` : t.label;
    if (ruleXs.every((x) => Math.abs(t.pos - x) >= textWidth(label, FONT.tick) / 2 + GAP)) {
      out.push({ pos: t.pos, label });
      year = undefined;
    } else year = YEAR.exec(label)?.[0] ?? year;
  }
  return out;
}

const YEAR = /\d{4}$/;
