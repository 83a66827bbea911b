import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { axisBottom, axisLeft, axisTitle } from './axis.ts';
import { numberAt } from './columns.ts';
import { seriesSentence } from './describe.ts';
import { TICK_ROOM, UNIT_ROOM, heightOf, leftFor, valueScale, yTicks } from './frame.ts';
import { FONT, GAP, WIDTH, textWidth } from './layout.ts';
import { drawAnnotations, drawEndLabels, endLabelWidth, planAnnotations, seriesClass, step } from './marks.ts';
import { estText, estimateRows, paintAttrs, painter } from './emphasis.ts';
import { RULE_ROOM, drawRules, marginRules, ruleValue, ruleValues } from './rules.ts';
import { el, group } from './svg.ts';
import { readX, xAxis, xPosition } from './xvalues.ts';
import { axisSpecifier, cellText, valueFormatter } from './values.ts';
import { ChartError } from './types.ts';
import type { ChartOutput, Point } from './describe.ts';
import type { ChartSpec, Dataset } from './types.ts';

/** At most this many values in a line, each is drawn as a point too. */
const MILESTONES = 12;

interface Sample {
  x: number;
  y: number | null;
}

/** Line chart: time or number x, one line per y field, labels at the line ends, gaps where values are missing. */
export function renderLine(spec: ChartSpec, data: Dataset): ChartOutput {
  const H = heightOf(spec);
  const fmt = valueFormatter(spec.format);
  const xs = readX(spec, data);
  const order = xs.values.map((_, i) => i).sort((a, b) => xs.values[a]! - xs.values[b]! || a - b);
  const rows = order.map((i) => data.rows[i]!);
  const series = spec.y.map((f) => rows.map((r, i): Sample => ({ x: xs.values[order[i]!]!, y: numberAt(r, f.name, spec) })));
  const all = series.flatMap((s) => s.flatMap((p) => (p.y === null ? [] : [p.y])));
  const y = valueScale([...all, ...ruleValues(spec, 'y')], { log: spec.yScale === 'log', zero: true, domain: spec.yDomain, where: spec.where, axis: 'y' });
  const ticksSpec = axisSpecifier(spec.format, spec.yScale === 'log');
  const rowNames = (i: number) => [cellText(rows[i]!.cells.get(spec.x!.name) ?? null), xs.text[order[i]!]!];
  const est = estimateRows(spec, rows, (_, i) => rowNames(i), data.columns);
  const paint = painter(spec, [...spec.names, ...spec.y.map((f) => f.name), ...rows.flatMap((_, i) => rowNames(i))]);
  const seriesPaint = spec.y.map((f, i) => paint(spec.names[i]!, f.name));
  const litX = rows.flatMap((_, i) => (paint(...rowNames(i)).cls === 'hl' ? [i] : []));
  const xRules = spec.rules.filter((r) => r.axis === 'x').map((r) => ({ at: ruleValue(r, spec, xs.time), label: r.label }));

  const ends = series.map((s, i) => {
    const last = [...s].reverse().find((p) => p.y !== null);
    const name = spec.y.length > 1 || spec.names[i] !== spec.y[i]!.name ? spec.names[i]! : '';
    // The value at a line's end says when it is an estimate.
    const lastEst = last !== undefined && est[s.lastIndexOf(last)] === true;
    return { last, name, value: last ? fmt(last.y!) + (lastEst ? ' est.' : '') : '', series: i };
  });
  const yRules = marginRules(spec);
  const right = Math.max(...ends.map((e) => endLabelWidth(e)), ...yRules.map((r) => endLabelWidth({ name: r.label, value: '' }))) + 2 * GAP + 8;
  let left = leftFor(y, ticksSpec, H);
  let x = xAxis(xs, [left, WIDTH - right], spec.xFormat);
  // The first tick label is centred on its tick: widen the margin if it would be clipped.
  const overhang = x.ticks[0] ? textWidth(x.ticks[0].label, FONT.tick) / 2 + 4 - (x.ticks[0].pos - left) : 0;
  if (overhang > left) x = xAxis(xs, [(left = overhang), WIDTH - right], spec.xFormat);

  const marks = spec.annotate.map((a) => {
    const at = xPosition(a, spec, xs, x.domain);
    return { x: x.at(at), at, a };
  });
  const plan = planAnnotations(
    marks.map((m) => ({ x: m.x, label: m.a.label })),
    left,
    WIDTH - 8,
  );
  const top = GAP + (spec.unit ? UNIT_ROOM : FONT.tick / 2) + plan.height + (xRules.length ? RULE_ROOM : 0);
  const bottom = H - TICK_ROOM - (spec.xUnit ? UNIT_ROOM : 0);
  y.range([bottom, top]);
  const frame = { left, right: WIDTH - right, top, bottom };

  const path = line<Sample>()
    .defined((p) => p.y !== null)
    .x((p) => x.at(p.x))
    .y((p) => y(p.y!))
    .digits(2);
  const lone = (s: Sample[], i: number) => s[i]!.y !== null && s[i - 1]?.y == null && s[i + 1]?.y == null;
  // A few milestones joined by straight lines are points, not a series: each gets its dot, so the line does
  // not read as a measured curve. A dense series keeps only dots where a value stands alone.
  const dotted = (s: Sample[], i: number) => lone(s, i) || (s[i]!.y !== null && s.filter((p) => p.y !== null).length <= MILESTONES);
  const labels = drawEndLabels(
    // A series that stops early is labelled where it stops, not at the far edge.
    [
      ...ends.map((e, i) => ({ ...e, y: e.last ? y(e.last.y!) : bottom, x: e.last ? x.at(e.last.x) + GAP : undefined, paint: seriesPaint[i] })),
      ...yRules.map((r) => ({ y: y(r.value), name: r.label, value: '', series: -1 })),
    ],
    frame.right + GAP,
    top,
    bottom,
  );
  const lines = series.map((s, i) =>
    group(
      seriesClass(i),
      step(spec, i),
      runs(s, est).map((run) =>
        el('path', {
          ...paintAttrs('line', seriesPaint[i]!),
          d: path(run.s) ?? '',
          fill: 'none',
          'stroke-width': 4,
          'stroke-linejoin': 'round',
          'stroke-linecap': 'round',
          'stroke-dasharray': dashes(run.s, run.est, (p) => [x.at(p.x), y(p.y!)]),
        }),
      ),
      s.flatMap((p, j) =>
        dotted(s, j) && p !== ends[i]!.last ? [el('circle', { ...paintAttrs('', seriesPaint[i]!), cx: x.at(p.x), cy: y(p.y!), r: 5 })] : [],
      ),
      ends[i]!.last ? el('circle', { ...paintAttrs('end', seriesPaint[i]!), cx: x.at(ends[i]!.last!.x), cy: y(ends[i]!.last!.y!), r: 6 }) : '',
      // A highlighted x value: a dot in the accent on every line there.
      litX.flatMap((j) => (s[j]!.y === null ? [] : [el('circle', { class: 'end hl', cx: x.at(s[j]!.x), cy: y(s[j]!.y!), r: 8 })])),
      labels[i]!,
    ),
  );
  const targets = marks.map((m) => ({ y: y(m.a.y ?? valueAt(series[0]!, m.at, spec, m.a.line)), dot: true }));

  const words = (i: number) => xs.text[order[i]!]!;
  return {
    height: H,
    body:
      axisLeft(yTicks(y, ticksSpec), frame) +
      axisBottom(x.ticks, frame, false) +
      drawRules(
        [
          ...yRules.map((r, i) => ({ pos: y(r.value), label: r.label, dir: 'across' as const, text: labels[series.length + i] })),
          ...xRules.map((r) => ({ pos: x.at(r.at), label: r.label, dir: 'down' as const })),
        ],
        frame,
      ) +
      (spec.unit ? axisTitle(spec.unit, 0, GAP + FONT.tick, 'start') : '') +
      (spec.xUnit ? axisTitle(spec.xUnit, frame.right, H - GAP, 'end') : '') +
      lines.join('') +
      drawAnnotations(plan, targets, top - GAP, spec.fragments ? series.length + 1 : undefined),
    summary:
      `Line chart${spec.unit ? ` in ${spec.unit}` : ''}, ${words(0)} to ${words(rows.length - 1)}. ` +
      series
        .map((s, i) =>
          seriesSentence(
            spec.names[i]!,
            s.flatMap((p, j): Point[] => (p.y === null ? [] : [{ at: words(j), value: p.y }])),
            fmt,
          ),
        )
        .join(' '),
    table: {
      head: [spec.x!.name, ...spec.names],
      rows: rows.map((_r, i) => [words(i), ...series.map((s) => estText(s[i]!.y === null ? '' : fmt(s[i]!.y!), est[i]))]),
    },
  };
}

/** The first series' value at `at`: exact, else read off the segment around it (through a d3 scale). */
function valueAt(s: readonly Sample[], at: number, spec: ChartSpec, line: number): number {
  const i = s.findIndex((p) => p.x >= at && p.y !== null);
  const after = s[i];
  const before = [...s.slice(0, Math.max(i, 0))].reverse().find((p) => p.y !== null);
  if (after && after.x === at) return after.y!;
  if (after && before) return scaleLinear().domain([before.x, after.x]).range([before.y!, after.y!])(at);
  throw new ChartError(
    { file: spec.where.file, line },
    `The annotation has no value of ${spec.names[0]} to sit on.`,
    'Give it a y, e.g. `{ x: ..., y: 2.5, label: ... }`.',
  );
}

/**
 * The pieces a series is drawn in: one path, gaps and all, unless it has estimates and gaps. A dash
 * pattern starts afresh at each piece of a path (as Chromium draws it), so each piece between gaps then
 * gets a path, and a pattern, of its own.
 */
function runs(s: Sample[], est: readonly boolean[]): { s: Sample[]; est: boolean[] }[] {
  if (!est.some(Boolean) || !s.some((p) => p.y === null)) return [{ s, est: [...est] }];
  const out: { s: Sample[]; est: boolean[] }[] = [];
  s.forEach((p, i) => {
    if (p.y === null) return;
    if (i === 0 || s[i - 1]!.y === null) out.push({ s: [], est: [] });
    out[out.length - 1]!.s.push(p);
    out[out.length - 1]!.est.push(est[i]!);
  });
  return out;
}

/**
 * A dash pattern that draws the segments touching an estimated point dashed and the rest solid, on one
 * path (so exporters still read one line per series); undefined when nothing is an estimate.
 */
function dashes(s: readonly Sample[], est: readonly boolean[], at: (p: Sample) => [number, number]): string | undefined {
  if (!est.some((e, i) => e && s[i]!.y !== null)) return undefined;
  const out: number[] = [];
  for (let i = 1; i < s.length; i++) {
    if (s[i]!.y === null || s[i - 1]!.y === null) continue;
    const [x0, y0] = at(s[i - 1]!);
    const [x1, y1] = at(s[i]!);
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (!(est[i] || est[i - 1])) {
      out.push(len, 0);
      continue;
    }
    const n = Math.max(1, Math.round(len / 24));
    for (let k = 0; k < n; k++) out.push((len / n) * 0.5, (len / n) * 0.5);
  }
  return out.map((v) => Math.round(v * 100) / 100).join(' ');
}
