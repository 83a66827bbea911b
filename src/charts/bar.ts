import { max } from 'd3-array';
import { scaleBand } from 'd3-scale';
import { axisBottom, axisTitle, baseline, fitTicks } from './axis.ts';
import { numberAt, uniqueCategories } from './columns.ts';
import { seriesSentence } from './describe.ts';
import { TICK_ROOM, UNIT_ROOM, valueScale } from './frame.ts';
import { FONT, GAP, WIDTH, maxWidth, wrap } from './layout.ts';
import { seriesClass, seriesKey, step } from './marks.ts';
import { estText, estimateRows, paintAttrs, painter } from './emphasis.ts';
import { RULE_ROOM, drawRules, ruleValue, ruleValues } from './rules.ts';
import type { Paint } from './emphasis.ts';
import { el, group, lines, text } from './svg.ts';
import { tickSpecifier, valueFormatter } from './values.ts';
import type { ChartOutput } from './describe.ts';
import type { ChartSpec, Dataset } from './types.ts';

const LINE = 30;
/** Thinnest a bar may get before the chart grows taller. */
const MIN_BAR = 30;
/** Bar thickness when the chart sizes itself. */
const BAR = 52;

/** Horizontal bars: categories down the left, values printed at the bar ends; `sort: true` ranks them. */
export function renderBar(spec: ChartSpec, data: Dataset): ChartOutput {
  const fmt = valueFormatter(spec.format);
  const names = uniqueCategories(data.rows, spec.x!.name, spec);
  const values = spec.y.map((f) => data.rows.map((r) => numberAt(r, f.name, spec)));
  const order = names.map((_, i) => i);
  if (spec.sort) order.sort((a, b) => (values[0]![b] ?? -Infinity) - (values[0]![a] ?? -Infinity) || a - b);
  const cats = order.map((i) => names[i]!);
  const at = (s: number, c: number) => values[s]![order[c]!] ?? null;
  const all = values.flat().filter((v): v is number => v !== null);
  const x = valueScale([...all, ...ruleValues(spec, 'y')], { log: false, zero: true, domain: spec.yDomain, where: spec.where, axis: 'y' });
  const showValues = spec.values ?? true;
  const estByRow = estimateRows(spec, data.rows, (r) => [names[r.index - 1]!], data.columns);
  const est = order.map((i) => estByRow[i]!);
  const paint = painter(spec, [...spec.names, ...spec.y.map((f) => f.name), ...names]);
  const seriesPaint = spec.y.map((f, i) => paint(spec.names[i]!, f.name));
  const markPaint = (s: number, c: string): Paint => {
    const p = paint(spec.names[s]!, spec.y[s]!.name, c);
    return p.cls === 'hl' && spec.y.length > 1 && seriesPaint[s]!.cls !== 'hl' ? { cls: 'lit', style: seriesPaint[s]!.style ?? p.style } : p;
  };

  const catLines = cats.map((c) => wrap(c, WIDTH * 0.32, FONT.label));
  const left = Math.ceil(max(catLines, (l) => maxWidth(l, FONT.label)) ?? 0) + 2 * GAP;
  // Printed values of estimates say so: the outline alone needs a key.
  const shown = (v: number, ci: number) => fmt(v) + (est[ci] ? ' est.' : '');
  const valueText = cats.flatMap((_, ci) => spec.y.map((__, s) => at(s, ci)).flatMap((v) => (v === null ? [] : [shown(v, ci)])));
  const right = showValues ? Math.ceil(maxWidth(valueText, FONT.tick)) + 2 * GAP : 3 * GAP;
  const key = seriesKey(spec.names, left, GAP + FONT.label, WIDTH - GAP, seriesPaint);
  const unitY = GAP + key.height + FONT.tick;
  const top = unitY - FONT.tick + (spec.unit ? UNIT_ROOM : 0) + GAP + (spec.rules.length ? RULE_ROOM : 0);
  const bottomRoom = showValues ? GAP : TICK_ROOM;
  // Each category needs room for its bars and its (possibly wrapped) name. Without a
  // `height` the chart is as tall as its bars need, so a short list stays compact.
  const need = (bar: number) =>
    Math.ceil(top + cats.length * Math.max((spec.y.length * bar) / 0.7, max(catLines, (l) => l.length * LINE + GAP) ?? 0) + bottomRoom);
  const H = spec.height === undefined ? Math.max(240, need(BAR)) : Math.max(spec.height, need(MIN_BAR));
  const bottom = H - bottomRoom;
  const y = scaleBand<string>().domain(cats).range([top, bottom]).paddingInner(0.3).paddingOuter(0.1);
  const sub = scaleBand<number>()
    .domain(spec.y.map((_, i) => i))
    .range([0, y.bandwidth()])
    .paddingInner(0.08);
  x.range([left, WIDTH - right]);
  const zero = x(0);
  const frame = { left, right: WIDTH - right, top, bottom };

  const bars = cats.map((c, ci) =>
    group(
      'bar',
      step(spec, ci),
      spec.y.map((_, s) => {
        const v = at(s, ci);
        if (v === null) return '';
        const by = y(c)! + sub(s)!;
        const end = x(v);
        const label = showValues
          ? text(
              {
                class: 'value',
                x: v < 0 ? end - GAP : end + GAP,
                y: by + sub.bandwidth() / 2 + FONT.tick * 0.35,
                'text-anchor': v < 0 ? 'end' : 'start',
                'font-size': FONT.tick,
              },
              shown(v, ci),
            )
          : '';
        return (
          el('rect', {
            ...paintAttrs(seriesClass(s) + (est[ci] ? ' est' : ''), markPaint(s, c)),
            x: Math.min(end, zero),
            y: by,
            width: Math.abs(end - zero),
            height: sub.bandwidth(),
          }) + label
        );
      }),
    ),
  );
  const labels = cats.map((c, i) => {
    const l = catLines[i]!;
    const cy = y(c)! + y.bandwidth() / 2 - ((l.length - 1) * LINE) / 2 + FONT.label * 0.35;
    return lines(
      { class: paint(c).cls === 'hl' ? 'label hl' : 'label', x: left - GAP, y: cy, 'text-anchor': 'end', 'font-size': FONT.label },
      l,
      left - GAP,
      LINE,
    );
  });

  return {
    height: H,
    body:
      (showValues ? '' : axisBottom(fitTicks(x, 8, tickSpecifier(spec.format), 'x'), frame, true)) +
      key.svg +
      (spec.unit ? axisTitle(spec.unit, left, unitY, 'start') : '') +
      bars.join('') +
      baseline(zero, top, zero, bottom) +
      drawRules(
        spec.rules.map((r) => ({ pos: x(ruleValue(r, spec)), label: r.label, dir: 'down' as const })),
        frame,
      ) +
      el('g', { class: 'categories' }, labels),
    summary:
      `Bar chart${spec.unit ? ` in ${spec.unit}` : ''} of ${cats.length} categories${spec.sort ? `, sorted by ${spec.names[0]}` : ''}. ` +
      values
        .map((_s, i) =>
          seriesSentence(
            spec.names[i]!,
            cats.flatMap((c, j) => (at(i, j) === null ? [] : [{ at: c, value: at(i, j)! }])),
            fmt,
          ),
        )
        .join(' '),
    table: {
      head: [spec.x!.name, ...spec.names],
      rows: cats.map((c, ci) => [c, ...spec.y.map((_, s) => estText(at(s, ci) === null ? '' : fmt(at(s, ci)!), est[ci]))]),
    },
  };
}
