/**
 * Planned seconds per slide: a slide's `data-timing`, else an even share of what `totalTime` leaves after
 * the timed slides, else `defaultTiming`. Without any of them there is no plan (null).
 */
export function planTimes(timings: (number | undefined)[], totalTime?: number, defaultTiming?: number): number[] | null {
  const timed = timings.filter((t): t is number => t !== undefined);
  const untimed = timings.length - timed.length;
  let share: number;
  if (totalTime && totalTime > 0) share = untimed > 0 ? Math.max(0, totalTime - sum(timed)) / untimed : 0;
  else if (defaultTiming && defaultTiming > 0) share = defaultTiming;
  else if (timed.length > 0) share = sum(timed) / timed.length;
  else return null;
  return timings.map((t) => t ?? share);
}

/** How the talk stands at `index` after `elapsed` seconds, against the plan. */
export interface Pace {
  /** Planned seconds from the start to this slide's start and end. */
  start: number;
  end: number;
  /** Planned seconds for this slide. */
  slide: number;
  /** Positive: ahead of the plan by that many seconds; negative: behind; 0: on time. */
  delta: number;
}

/** Ahead when you reach a slide before its planned start, behind once you stay past its planned end. */
export function pace(plan: number[], index: number, elapsed: number): Pace {
  const start = sum(plan.slice(0, index));
  const slide = plan[index] ?? 0;
  const end = start + slide;
  const delta = elapsed < start ? start - elapsed : elapsed > end ? end - elapsed : 0;
  return { start, end, slide, delta };
}

/** `m:ss` (or `h:mm:ss`) for a number of seconds, sign dropped. */
export function clockTime(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
