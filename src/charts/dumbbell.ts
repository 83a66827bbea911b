import { max } from 'd3-array';
import { scaleBand } from 'd3-scale';
import { axisBottom, axisTitle, fitTicks } from './axis.ts';
import { numberAt, uniqueCategories } from './columns.ts';
import { seriesSentence } from './describe.ts';
import { estText, estimateRows, paintAttrs, painter } from './emphasis.ts';
import { TICK_ROOM, UNIT_ROOM, valueScale } from './frame.ts';
import { FONT, GAP, WIDTH, maxWidth, textWidth, wrap } from './layout.ts';
import { step } from './marks.ts';
import { RULE_ROOM, drawRules, ruleValue, ruleValues } from './rules.ts';
import { el, lines, styledGroup, text } from './svg.ts';
import { axisSpecifier, valueFormatter } from './values.ts';
import type { ChartOutput } from './describe.ts';
import type { Paint } from './emphasis.ts';
import type { ChartSpec, Dataset } from './types.ts';

const LINE = 30;
/** Height of one category's row when the chart sizes itself. */
const ROW = 88;
const DOT = 12;

/**
 * Dumbbell: per category a line from its `from` value (hollow dot) to its `to` value (solid dot), on a
 * value axis across; the two ends are named once, over the first row, and each value printed outside its dot.
 */
export function renderDumbbell(spec: ChartSpec, data: Dataset): ChartOutput {
  const fmt = valueFormatter(spec.format);
  const names = uniqueCategories(data.rows, spec.x!.name, spec);
  const ends = data.rows.map((r) => [numberAt(r, spec.y[0]!.name, spec), numberAt(r, spec.y[1]!.name, spec)] as const);
  const order = names.map((_, i) => i);
  if (spec.sort) order.sort((a, b) => (ends[b]![1] ?? -Infinity) - (ends[a]![1] ?? -Infinity) || a - b);
  const cats = order.map((i) => names[i]!);
  const rows = order.map((i) => ends[i]!);
  const estAll = estimateRows(spec, data.rows, (r) => [names[r.index - 1]!], data.columns);
  const est = order.map((i) => estAll[i]!);
  const paint = painter(spec, [...names, ...spec.names]);
  const all = rows.flatMap((r) => r.filter((v): v is number => v !== null));
  const x = valueScale([...all, ...ruleValues(spec, 'y')], { log: false, zero: false, domain: spec.yDomain, where: spec.where, axis: 'y' });
  const showValues = spec.values ?? true;

  const catLines = cats.map((c) => wrap(c, WIDTH * 0.3, FONT.label));
  // An estimate row's `to` end is the estimate (drawn hollow and dashed), and its printed value says so.
  const shown = (v: number, i: number, end: number) => fmt(v) + (est[i] && end === 1 ? ' est.' : '');
  const valueRoom = showValues
    ? Math.ceil(
        maxWidth(
          rows.flatMap((r, i) => r.flatMap((v, end) => (v === null ? [] : [shown(v, i, end)]))),
          FONT.tick,
        ),
      ) +
      DOT +
      2 * GAP
    : 3 * GAP;
  const labelRight = Math.ceil(max(catLines, (l) => maxWidth(l, FONT.label)) ?? 0) + GAP;
  const left = labelRight + GAP + valueRoom;
  const right = valueRoom;
  const unitY = GAP + FONT.tick;
  const top = GAP + (spec.unit ? UNIT_ROOM : 0) + FONT.label + 2 * GAP + (spec.rules.length ? RULE_ROOM : 0);
  const bottomRoom = showValues ? GAP : TICK_ROOM;
  const need = (row: number) => Math.ceil(top + cats.length * Math.max(row, (max(catLines, (l) => l.length * LINE + GAP) ?? 0) / 0.8) + bottomRoom);
  const H = Math.max(240, spec.height ?? need(ROW), need(44));
  const bottom = H - bottomRoom;
  const y = scaleBand<string>().domain(cats).range([top, bottom]).paddingInner(0.2).paddingOuter(0.1);
  x.range([left, WIDTH - right]);
  const frame = { left, right: WIDTH - right, top, bottom };

  const marks = cats.map((c, i) => {
    const [a, b] = rows[i]!;
    const cy = y(c)! + y.bandwidth() / 2;
    const p = paint(c);
    const dot = (v: number, end: 0 | 1) => el('circle', { class: end === 0 ? 'from' : 'to', cx: x(v), cy, r: DOT });
    const value = (v: number, other: number | null, end: 0 | 1) => {
      const outward = other === null || v >= other ? 1 : -1;
      return showValues
        ? text(
            { class: 'value', x: x(v) + outward * (DOT + GAP), y: cy + FONT.tick * 0.35, 'text-anchor': outward > 0 ? 'start' : 'end', 'font-size': FONT.tick },
            shown(v, i, end),
          )
        : '';
    };
    return styledGroup(
      ['dumbbell', p.cls, est[i] ? 'est' : ''].filter(Boolean).join(' '),
      p.style,
      step(spec, i),
      a !== null && b !== null ? el('line', { class: 'bar', x1: x(a), x2: x(b), y1: cy, y2: cy }) : '',
      a !== null ? dot(a, 0) : '',
      b !== null ? dot(b, 1) : '',
      a !== null ? value(a, b, 0) : '',
      b !== null ? value(b, a, 1) : '',
    );
  });
  const labels = cats.map((c, i) => {
    const l = catLines[i]!;
    const cy = y(c)! + y.bandwidth() / 2 - ((l.length - 1) * LINE) / 2 + FONT.label * 0.35;
    return lines(
      { class: paint(c).cls === 'hl' ? 'label hl' : 'label', x: labelRight, y: cy, 'text-anchor': 'end', 'font-size': FONT.label },
      l,
      labelRight,
      LINE,
    );
  });

  return {
    height: H,
    body:
      (showValues ? '' : axisBottom(fitTicks(x, 8, axisSpecifier(spec.format, false), 'x'), frame, true)) +
      (spec.unit ? axisTitle(spec.unit, left, unitY, 'start') : '') +
      drawRules(
        spec.rules.map((r) => ({ pos: x(ruleValue(r, spec)), label: r.label, dir: 'down' as const })),
        frame,
      ) +
      endNames(spec, cats, rows, (v) => x(v), top, paint) +
      el('g', { class: 'dumbbells' }, marks) +
      el('g', { class: 'categories' }, labels),
    summary:
      `Dumbbell chart${spec.unit ? ` in ${spec.unit}` : ''} of ${cats.length} categories, from ${spec.names[0]} to ${spec.names[1]}${spec.sort ? `, sorted by ${spec.names[1]}` : ''}. ` +
      [0, 1]
        .map((e) =>
          seriesSentence(
            spec.names[e]!,
            cats.flatMap((c, j) => (rows[j]![e] === null ? [] : [{ at: c, value: rows[j]![e]! }])),
            fmt,
          ),
        )
        .join(' '),
    table: {
      head: [spec.x!.name, ...spec.names],
      rows: cats.map((c, i) => [c, ...[0, 1].map((e) => estText(rows[i]![e] === null ? '' : fmt(rows[i]![e]!), est[i] && e === 1))]),
    },
  };
}

/**
 * Names the two ends once, over the first row's dots, in that row's paint; when the dots are too close for
 * both names, one line above the plot: a hollow dot and its name, then a solid one and its name.
 */
function endNames(
  spec: ChartSpec,
  cats: readonly string[],
  rows: readonly (readonly [number | null, number | null])[],
  x: (v: number) => number,
  top: number,
  paint: (...n: string[]) => Paint,
): string {
  const i = rows.findIndex(([a, b]) => a !== null && b !== null);
  const ty = top - GAP;
  if (i >= 0) {
    const [a, b] = rows[i]!.map((v) => x(v!)) as [number, number];
    const wa = textWidth(spec.names[0]!, FONT.tick);
    const wb = textWidth(spec.names[1]!, FONT.tick);
    // Each name centred over its dot, unless the two would touch.
    if (Math.abs(b - a) >= (wa + wb) / 2 + 2 * GAP) {
      return el(
        'g',
        { ...paintAttrs('ends', paint(cats[i]!)), 'font-size': FONT.tick },
        text({ class: 'label end-from', x: a, y: ty, 'text-anchor': 'middle' }, spec.names[0]!),
        text({ class: 'label end-to', x: b, y: ty, 'text-anchor': 'middle' }, spec.names[1]!),
      );
    }
  }
  const x0 = WIDTH - GAP - textWidth(spec.names[0]!, FONT.tick) - textWidth(spec.names[1]!, FONT.tick) - 4 * DOT - 5 * GAP;
  const x1 = x0 + 2 * DOT + GAP + textWidth(spec.names[0]!, FONT.tick) + 2 * GAP;
  return el(
    'g',
    { class: 'ends key', 'font-size': FONT.tick },
    el('circle', { class: 'from', cx: x0 + DOT, cy: ty - FONT.tick * 0.35, r: DOT * 0.8 }),
    text({ class: 'label', x: x0 + 2 * DOT + GAP, y: ty }, spec.names[0]!),
    el('circle', { class: 'to', cx: x1 + DOT, cy: ty - FONT.tick * 0.35, r: DOT * 0.8 }),
    text({ class: 'label', x: x1 + 2 * DOT + GAP, y: ty }, spec.names[1]!),
  );
}
