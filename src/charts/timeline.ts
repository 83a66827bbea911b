import { scaleUtc } from 'd3-scale';
import { utcMonth } from 'd3-time';
import { fitTicks } from './axis.ts';
import type { Tick } from './axis.ts';
import { cellText, dateText } from './values.ts';
import { dateAt, rowName, textAt } from './columns.ts';
import { FONT, GAP, WIDTH, maxWidth, textWidth, wrap } from './layout.ts';
import { seriesClass, seriesKey, step } from './marks.ts';
import { stackHeight, stackUp } from './stack-labels.ts';
import type { Side } from './stack-labels.ts';
import { el, group, lines, text } from './svg.ts';
import { ChartError } from './types.ts';
import type { ChartOutput } from './describe.ts';
import type { ChartSpec, Dataset } from './types.ts';

const LINE = 30;
const DATE_ROW = FONT.tick + 4;
const PAD = 64;
/** Half the height of the date band the events hang from. */
const RIBBON = 22;
/** Label widths to try: wide and short first, narrow and tall when that packs better. */
const WRAPS = [300, 200];
/** Most events a timeline lays out: its label layout grows as n² (200 on one date take well under a second). */
const MAX_EVENTS = 400;

/**
 * Timeline: dated events on a time axis, each label in a block above its date, stacked
 * so blocks never overlap and leader lines never cross another label.
 */
export function renderTimeline(spec: ChartSpec, data: Dataset): ChartOutput {
  const events = data.rows
    .map((row) => {
      const date = dateAt(row, spec.date!.name, spec);
      if (!date) throw new ChartError(row.where, `${rowName(row, spec, spec.date!.name)} has no ${spec.date!.name}.`, 'Every event needs a date (YYYY-MM-DD, YYYY-MM or YYYY).');
      const groupName = spec.group ? cellText(row.cells.get(spec.group.name) ?? null) : '';
      return { date, label: textAt(row, spec.label!.name, spec), groupName, when: dateText(date, spec.xFormat) };
    })
    .sort((a, b) => a.date.date.getTime() - b.date.date.getTime());
  if (events.length > MAX_EVENTS) {
    throw new ChartError(data.rows[MAX_EVENTS]!.where, `The timeline has ${events.length} events; at most ${MAX_EVENTS} fit one chart.`, 'Split it over several timelines, or keep the events that matter.', 'too-many-events');
  }
  const groups = [...new Set(events.map((e) => e.groupName))];
  if (groups.length > 6) throw new ChartError({ file: spec.where.file, line: spec.group!.line }, `"${spec.group!.name}" has ${groups.length} different values; at most 6 colours stay distinct.`);

  const first = events[0]!.date.date;
  const last = events[events.length - 1]!.date.date;
  // One date alone would give d3 an empty domain: widen it by a month each way.
  const domain = first.getTime() === last.getTime() ? [utcMonth.offset(first, -1), utcMonth.offset(last, 1)] : [first, last];
  const x = scaleUtc().domain(domain).range([PAD, WIDTH - PAD]);
  // Two tracks read best as two sides of the axis; otherwise each label takes the nearest free spot.
  const sideOf = (g: string): Side | undefined => (groups.length === 2 ? (g === groups[0] ? 'up' : 'down') : undefined);
  const blocks = events.map((e) => {
    const variants = WRAPS.map((w) => wrap(e.label, w, FONT.label));
    const sizes = variants.map((ls) => ({ width: Math.max(textWidth(e.when, FONT.tick), maxWidth(ls, FONT.label)), height: DATE_ROW + ls.length * LINE }));
    return { x: x(e.date.date), sizes, lines: variants, side: sideOf(e.groupName) };
  });
  const placed = stackUp(blocks, GAP, WIDTH - GAP, events.length > 1);
  const above = stackHeight(blocks, placed, 'up');
  const below = stackHeight(blocks, placed, 'down');
  const axisY = GAP + above + (above ? GAP + RIBBON : RIBBON);
  const key = groups.length > 1 ? seriesKey(groups, PAD, axisY + RIBBON + below + 2 * GAP + FONT.label, WIDTH - GAP) : { svg: '', height: 0 };
  const H = Math.max(spec.height ?? 0, axisY + RIBBON + below + (below ? GAP : 0) + GAP + key.height);

  const marks = events.map((e, i) => {
    const b = blocks[i]!;
    const p = placed[i]!;
    const up = p.side === 'up';
    const edge = up ? axisY - RIBBON : axisY + RIBBON;
    const size = b.sizes[p.size]!;
    const top = up ? edge - GAP - p.lift - size.height : edge + GAP + p.lift;
    const tx = p.anchor === 'start' ? b.x + GAP : b.x - GAP;
    return group(
      `event ${seriesClass(groups.indexOf(e.groupName))}`,
      step(spec, i),
      el('line', { class: 'leader', x1: b.x, x2: b.x, y1: up ? top + 4 : edge + 8, y2: up ? edge - 8 : top + size.height - 4 }),
      el('circle', { cx: b.x, cy: edge, r: 7 }),
      text({ class: 'label date', x: tx, y: top + FONT.tick * 0.85, 'text-anchor': p.anchor, 'font-size': FONT.tick }, e.when),
      lines({ class: 'label', x: tx, y: top + DATE_ROW + FONT.label * 0.85, 'text-anchor': p.anchor, 'font-size': FONT.label }, b.lines[p.size]!, tx, LINE),
    );
  });

  return {
    height: H,
    body: ribbon(fitTicks(x, 8, undefined, 'x'), axisY) + key.svg + marks.join(''),
    summary:
      `Timeline of ${events.length} event${events.length === 1 ? '' : 's'} from ${events[0]!.when} to ${events[events.length - 1]!.when}` +
      (groups.length > 1 ? `, in ${groups.length} tracks (${groups.join(', ')})` : '') +
      `. First: ${events[0]!.label}. Last: ${events[events.length - 1]!.label}.`,
    table: {
      head: [spec.date!.name, spec.label!.name, ...(spec.group ? [spec.group.name] : [])],
      rows: events.map((e) => [e.when, e.label, ...(spec.group ? [e.groupName] : [])]),
    },
  };
}

/** The date band: a light strip across the chart with d3's tick labels inside, so leaders never cross them. */
function ribbon(ticks: readonly Tick[], axisY: number): string {
  return el(
    'g',
    { class: 'axis ribbon', 'font-size': FONT.tick },
    el('rect', { x: 0, y: axisY - RIBBON, width: WIDTH, height: 2 * RIBBON, rx: RIBBON }),
    ...ticks.map((t) => text({ class: 'tick', x: t.pos, y: axisY + FONT.tick * 0.35, 'text-anchor': 'middle' }, t.label)),
  );
}
