import { scaleUtc } from 'd3-scale';
import { utcMonth } from 'd3-time';
import { fitTimeTicks } from './axis.ts';
import type { Tick } from './axis.ts';
import { cellText, clip, dateText, parseDate } from './values.ts';
import { estText, estimateRows, painter } from './emphasis.ts';
import { ruleValue } from './rules.ts';
import { dateAt, rowName, textAt } from './columns.ts';
import { FONT, GAP, WIDTH, maxWidth, textWidth, wrap } from './layout.ts';
import { seriesClass, seriesKey, step } from './marks.ts';
import { TIMELINE_TICKS, clearOfRules, startOnTick } from './time-axis.ts';
import { stackHeight, stackUp } from './stack-labels.ts';
import type { Side } from './stack-labels.ts';
import { el, lines, styledGroup, text } from './svg.ts';
import { ChartError } from './types.ts';
import type { ChartOutput } from './describe.ts';
import type { ChartSpec, Dataset, Row } from './types.ts';

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
  const status = spec.status ?? (data.columns.includes('status') ? { name: 'status', line: spec.where.line } : undefined);
  const namesOf = (row: Row) => [
    textAt(row, spec.label!.name, spec),
    cellText(row.cells.get(spec.date!.name) ?? null),
    ...(spec.group ? [cellText(row.cells.get(spec.group.name) ?? null)] : []),
  ];
  const est = estimateRows(spec, data.rows, namesOf, data.columns);
  const paint = painter(spec, data.rows.flatMap(namesOf));
  const events = data.rows
    .map((row, i) => {
      const date = dateAt(row, spec.date!.name, spec);
      if (!date)
        throw new ChartError(
          row.where,
          `${rowName(row, spec, spec.date!.name)} has no ${spec.date!.name}.`,
          'Every event needs a date (YYYY-MM-DD, YYYY-MM or YYYY).',
        );
      const groupName = spec.group ? cellText(row.cells.get(spec.group.name) ?? null) : '';
      const planned = status ? statusOf(row, status.name, spec) : false;
      return {
        date,
        label: textAt(row, spec.label!.name, spec),
        groupName,
        when: dateText(date, spec.xFormat),
        planned,
        est: est[i]!,
        paint: paint(...namesOf(row)),
      };
    })
    .sort((a, b) => a.date.date.getTime() - b.date.date.getTime());
  if (events.length > MAX_EVENTS) {
    throw new ChartError(
      data.rows[MAX_EVENTS]!.where,
      `The timeline has ${events.length} events; at most ${MAX_EVENTS} fit one chart.`,
      'Split it over several timelines, or keep the events that matter.',
      'too-many-events',
    );
  }
  const groups = [...new Set(events.map((e) => e.groupName))];
  if (groups.length > 6)
    throw new ChartError(
      { file: spec.where.file, line: spec.group!.line },
      `"${spec.group!.name}" has ${groups.length} different values; at most 6 colours stay distinct.`,
    );

  const today = spec.today ? parseDate(spec.today.date)!.date : undefined;
  const rules = [
    ...spec.rules.map((r) => ({ at: ruleValue(r, spec), label: r.label, cls: '' })),
    ...(today ? [{ at: today.getTime(), label: `Today, ${dateText({ date: today, precision: 'day' })}`, cls: 'today' }] : []),
  ];
  // Rules and "today" widen the axis, so a "now" after the last event still shows where we stand.
  const times = [...events.map((e) => e.date.date.getTime()), ...rules.map((r) => r.at)];
  const first = new Date(Math.min(...times));
  const last = new Date(Math.max(...times));
  // One date alone would give d3 an empty domain: widen it by a month each way.
  const domain = first.getTime() === last.getTime() ? [utcMonth.offset(first, -1), utcMonth.offset(last, 1)] : [first, last];
  const x = startOnTick(
    scaleUtc()
      .domain(domain)
      .range([PAD, WIDTH - PAD]),
    PAD,
  );
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
  const ruleRoom = rules.length ? FONT.tick + 2 * GAP : 0;
  const axisY = ruleRoom + GAP + above + (above ? GAP + RIBBON : RIBBON);
  const groupPaints = groups.map((g) => (spec.colors.has(g) ? { cls: '' as const, style: `--series:${spec.colors.get(g)}` } : undefined));
  // With a highlight the tracks are grey, so a key naming them by colour would name nothing.
  const key =
    groups.length > 1 && !spec.highlight
      ? seriesKey(groups, PAD, axisY + RIBBON + below + 2 * GAP + FONT.label, WIDTH - GAP, groupPaints)
      : { svg: '', height: 0 };
  const H = Math.max(spec.height ?? 0, axisY + RIBBON + below + (below ? GAP : 0) + GAP + key.height);

  const marks = events.map((e, i) => {
    const b = blocks[i]!;
    const p = placed[i]!;
    const up = p.side === 'up';
    const edge = up ? axisY - RIBBON : axisY + RIBBON;
    const size = b.sizes[p.size]!;
    const top = up ? edge - GAP - p.lift - size.height : edge + GAP + p.lift;
    const tx = p.anchor === 'start' ? b.x + GAP : b.x - GAP;
    const cls = [`event ${seriesClass(groups.indexOf(e.groupName))}`, e.paint.cls, e.planned ? 'planned' : '', e.est ? 'est' : ''].filter(Boolean).join(' ');
    return styledGroup(
      cls,
      e.paint.style,
      step(spec, i),
      el('line', { class: 'leader', x1: b.x, x2: b.x, y1: up ? top + 4 : edge + 8, y2: up ? edge - 8 : top + size.height - 4 }),
      el('circle', { cx: b.x, cy: edge, r: 7 }),
      text({ class: 'label date', x: tx, y: top + FONT.tick * 0.85, 'text-anchor': p.anchor, 'font-size': FONT.tick }, e.when),
      lines({ class: 'label', x: tx, y: top + DATE_ROW + FONT.label * 0.85, 'text-anchor': p.anchor, 'font-size': FONT.label }, b.lines[p.size]!, tx, LINE),
    );
  });

  return {
    height: H,
    body:
      ribbon(
        clearOfRules(
          fitTimeTicks(x, TIMELINE_TICKS, undefined),
          rules.map((r) => x(new Date(r.at))),
        ),
        axisY,
      ) +
      ruleLines(
        rules.map((r) => ({ ...r, x: x(new Date(r.at)) })),
        axisY,
        // To the lowest label, not the bottom of a taller `height:`: there a rule ran on into empty space.
        axisY + RIBBON + below + GAP,
      ) +
      key.svg +
      marks.join(''),
    summary:
      `Timeline of ${events.length} event${events.length === 1 ? '' : 's'} from ${events[0]!.when} to ${events[events.length - 1]!.when}` +
      (groups.length > 1 ? `, in ${groups.length} tracks (${groups.join(', ')})` : '') +
      `. First: ${events[0]!.label}. Last: ${events[events.length - 1]!.label}.` +
      (events.some((e) => e.planned) ? ` Planned: ${events.filter((e) => e.planned).length}.` : '') +
      (rules.length ? ` Marked: ${rules.map((r) => r.label).join('; ')}.` : ''),
    table: {
      head: [spec.date!.name, spec.label!.name, ...(spec.group ? [spec.group.name] : []), ...(status ? [status.name] : [])],
      rows: events.map((e) => [estText(e.when, e.est), e.label, ...(spec.group ? [e.groupName] : []), ...(status ? [e.planned ? 'planned' : 'done'] : [])]),
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

/** A row's status: `done` or `planned` (any case); anything else is an error at the cell. */
function statusOf(row: Row, name: string, spec: ChartSpec): boolean {
  const value = cellText(row.cells.get(name) ?? null).toLowerCase();
  if (value === 'planned') return true;
  if (value === 'done' || value === '') return false;
  throw new ChartError(
    { file: row.where.file, line: row.cellLines.get(name) ?? row.where.line },
    `${rowName(row, spec, name)} has ${name} "${clip(value)}"; a status is done or planned.`,
    'Write `done` for events that happened and `planned` for those still to come.',
  );
}

/** Dated reference lines ("today", `rules:`) from the top band, where their labels sit, to `bottom`; they skip the date band, whose labels they would cross. */
function ruleLines(rules: readonly { x: number; label: string; cls: string }[], axisY: number, bottom: number): string {
  const sorted = [...rules].sort((a, b) => a.x - b.x).map((r) => ({ ...r, w: textWidth(r.label, FONT.tick), left: false }));
  // A label reads to the right of its line; it goes to the left where it would run off the chart, or run
  // into the next rule's label and there is room on the left.
  sorted.forEach((r, i) => {
    const next = sorted[i + 1];
    const prevEnd = i > 0 ? (sorted[i - 1]!.left ? sorted[i - 1]!.x - GAP : sorted[i - 1]!.x + GAP + sorted[i - 1]!.w) : 0;
    const fitsLeft = r.x - 2 * GAP - r.w >= prevEnd;
    r.left = r.x + GAP + r.w > WIDTH - GAP || (next !== undefined && r.x + 2 * GAP + r.w > next.x && fitsLeft);
  });
  return sorted
    .map((r) =>
      el(
        'g',
        { class: r.cls ? `rule ${r.cls}` : 'rule' },
        el('line', { x1: r.x, x2: r.x, y1: GAP, y2: axisY - RIBBON }),
        el('line', { x1: r.x, x2: r.x, y1: axisY + RIBBON, y2: bottom }),
        text(
          { class: 'label', x: r.left ? r.x - GAP : r.x + GAP, y: GAP + FONT.tick, 'text-anchor': r.left ? 'end' : 'start', 'font-size': FONT.tick },
          r.label,
        ),
      ),
    )
    .join('');
}
