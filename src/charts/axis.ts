import { utcFormat } from 'd3-time-format';
import { el, text } from './svg.ts';
import { FONT, GAP, textWidth } from './layout.ts';
import type { Frame } from './layout.ts';

/** A d3 continuous scale as far as axes need it (linear, log or UTC time). */
export interface TickScale<T> {
  (value: T): number | undefined;
  ticks(count?: number): T[];
  tickFormat(count?: number, specifier?: string): (d: T) => string;
}

/** One tick: its position in viewBox units and its label. */
export interface Tick {
  pos: number;
  label: string;
}

/** d3's ticks and tick labels for `count`; log scales may leave some labels empty. */
export function ticksOf<T>(scale: TickScale<T>, count: number, specifier?: string): Tick[] {
  const label = scale.tickFormat(count, specifier);
  return scale.ticks(count).map((t) => ({ pos: scale(t) ?? 0, label: label(t) }));
}

/**
 * The most ticks (up to `max`) whose labels do not crowd each other: along x the labels
 * need their width plus a gap, along y a little more than their height.
 */
export function fitTicks<T>(scale: TickScale<T>, max: number, specifier: string | undefined, along: 'x' | 'y'): Tick[] {
  let ticks: Tick[] = [];
  for (let count = Math.max(2, max); count >= 2; count--) {
    ticks = ticksOf(scale, count, specifier);
    if (ticks.every((t, i) => i === 0 || fits(ticks[i - 1]!, t, along))) return ticks;
  }
  return ticks;
}

/**
 * Ticks on a time axis. With no format from the author, every label on the axis uses one format:
 * years as "2025"; months as "Mar", with the year on the first tick and where it changes ("Jan 2026");
 * days as "14 May", with the year the same way.
 */
export function fitTimeTicks(scale: TickScale<Date> & { ticks(count?: number): Date[] }, max: number, specifier: string | undefined): Tick[] {
  if (specifier !== undefined) return fitTicks(scale, max, specifier, 'x');
  let ticks: Tick[] = [];
  for (let count = Math.max(2, max); count >= 2; count--) {
    ticks = timeTicks(scale, count);
    if (ticks.every((t, i) => i === 0 || fits(ticks[i - 1]!, t, 'x'))) return ticks;
  }
  return ticks;
}

const YEAR = utcFormat('%Y');
const MONTH = [utcFormat('%b'), utcFormat('%b %Y')] as const;
const DAY = [utcFormat('%-d %b'), utcFormat('%-d %b %Y')] as const;

function timeTicks(scale: TickScale<Date>, count: number): Tick[] {
  const dates = scale.ticks(count);
  const monthly = dates.every((d) => d.getUTCDate() === 1 && d.getUTCHours() === 0);
  const yearly = monthly && dates.every((d) => d.getUTCMonth() === 0);
  return dates.map((d, i) => {
    const newYear = i === 0 || d.getUTCFullYear() !== dates[i - 1]!.getUTCFullYear();
    const label = yearly ? YEAR(d) : (monthly ? MONTH : DAY)[newYear ? 1 : 0](d);
    return { pos: scale(d) ?? 0, label };
  });
}

function fits(a: Tick, b: Tick, along: 'x' | 'y'): boolean {
  const space = Math.abs(b.pos - a.pos);
  if (along === 'y') return space >= FONT.tick * 1.5;
  return space >= (textWidth(a.label, FONT.tick) + textWidth(b.label, FONT.tick)) / 2 + 2 * GAP;
}

/** Widest tick label, for sizing the margin that holds them. */
export function tickWidth(ticks: readonly Tick[]): number {
  return ticks.reduce((m, t) => Math.max(m, textWidth(t.label, FONT.tick)), 0);
}

/** Value axis on the left: light grid lines across the plot and right-aligned labels. */
export function axisLeft(ticks: readonly Tick[], frame: Frame): string {
  const grid = ticks.map((t) => el('line', { x1: frame.left, x2: frame.right, y1: t.pos, y2: t.pos }));
  const labels = ticks.map((t) => text({ class: 'tick', x: frame.left - GAP, y: t.pos + FONT.tick * 0.35, 'text-anchor': 'end' }, t.label));
  return el('g', { class: 'grid' }, ...grid) + el('g', { class: 'axis axis-y', 'font-size': FONT.tick }, ...labels);
}

/** Axis along the bottom: a base line, tick labels centred under each tick, optional grid. */
export function axisBottom(ticks: readonly Tick[], frame: Frame, grid: boolean): string {
  const lines = grid ? ticks.map((t) => el('line', { x1: t.pos, x2: t.pos, y1: frame.top, y2: frame.bottom })) : [];
  const marks = ticks.map((t) => el('line', { x1: t.pos, x2: t.pos, y1: frame.bottom, y2: frame.bottom + 8 }));
  const labels = ticks
    .filter((t) => t.label !== '')
    .map((t) => text({ class: 'tick', x: t.pos, y: frame.bottom + GAP + FONT.tick, 'text-anchor': 'middle' }, t.label));
  return (
    (grid ? el('g', { class: 'grid' }, ...lines) : '') +
    el(
      'g',
      { class: 'axis axis-x', 'font-size': FONT.tick },
      el('line', { class: 'domain', x1: frame.left, x2: frame.right, y1: frame.bottom, y2: frame.bottom }),
      ...marks,
      ...labels,
    )
  );
}

/** A solid line at a value (zero for columns and bars), drawn above the grid. */
export function baseline(x1: number, y1: number, x2: number, y2: number): string {
  return el('line', { class: 'axis baseline', x1, y1, x2, y2 });
}

/** What an axis measures, as a muted label: above the y axis or at the end of the x axis. */
export function axisTitle(content: string, x: number, y: number, anchor: 'start' | 'end'): string {
  return text({ class: 'label muted axis-title', x, y, 'text-anchor': anchor, 'font-size': FONT.tick }, content);
}
