import { max } from 'd3-array';
import { scaleBand } from 'd3-scale';
import { stack, stackOffsetDiverging } from 'd3-shape';
import { axisLeft, axisTitle, baseline } from './axis.ts';
import { categoryOf, numberAt, uniqueCategories } from './columns.ts';
import { categorySentences, seriesSentence } from './describe.ts';
import { UNIT_ROOM, heightOf, leftFor, valueScale, yTicks } from './frame.ts';
import { FONT, GAP, WIDTH, wrap } from './layout.ts';
import { drawAnnotations, drawEndLabels, endLabelWidth, planAnnotations, seriesClass, step } from './marks.ts';
import { estText, estimateRows, paintAttrs, painter } from './emphasis.ts';
import { drawRules, marginRules, ruleValues } from './rules.ts';
import type { Paint } from './emphasis.ts';
import { el, group, lines, text } from './svg.ts';
import { tickSpecifier, valueFormatter } from './values.ts';
import type { ChartOutput } from './describe.ts';
import type { ChartSpec, Dataset } from './types.ts';

const LINE = 30;

/** Stacked columns (d3 stack, negatives below zero), series named at the right of the last column. */
export function renderStacked(spec: ChartSpec, data: Dataset): ChartOutput {
  const H = heightOf(spec);
  const fmt = valueFormatter(spec.format);
  const ticksSpec = tickSpecifier(spec.format);
  const cats = uniqueCategories(data.rows, spec.x!.name, spec);
  const values = spec.y.map((f) => data.rows.map((r) => numberAt(r, f.name, spec)));
  const keys = spec.y.map((_, i) => i);
  // A missing value stacks as nothing; the table still shows it as empty.
  const layers = stack<number, number>()
    .keys(keys)
    .value((c, k) => values[k]![c] ?? 0)
    .offset(stackOffsetDiverging)(cats.map((_, i) => i));
  const totals = cats.map((_, c) => values.reduce((t, s) => t + (s[c] ?? 0), 0));
  const est = estimateRows(spec, data.rows, (r) => [cats[r.index - 1]!], data.columns);
  const paint = painter(spec, [...spec.names, ...spec.y.map((f) => f.name), ...cats]);
  const seriesPaint = spec.y.map((f, i) => paint(spec.names[i]!, f.name));
  const markPaint = (s: number, c: string): Paint => {
    const p = paint(spec.names[s]!, spec.y[s]!.name, c);
    return p.cls === 'hl' && spec.y.length > 1 && seriesPaint[s]!.cls !== 'hl' ? { cls: 'lit', style: seriesPaint[s]!.style ?? p.style } : p;
  };
  const y = valueScale([...layers.flatMap((l) => l.flatMap((p) => [p[0], p[1]])), ...ruleValues(spec, 'y')], {
    log: false,
    zero: true,
    domain: spec.yDomain,
    where: spec.where,
    axis: 'y',
  });
  const showTotals = spec.values ?? false;

  const left = leftFor(y, ticksSpec, H);
  const yRules = marginRules(spec);
  const right = Math.max(...[...spec.names, ...yRules.map((r) => r.label)].map((name) => endLabelWidth({ name, value: '' }))) + 2 * GAP;
  const x = scaleBand<string>()
    .domain(cats)
    .range([left, WIDTH - right])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  const catLines = cats.map((c) => wrap(c, x.step() - GAP, FONT.tick));
  const bottom = H - GAP - (max(catLines, (l) => l.length) ?? 0) * LINE - 4;
  const plan = planAnnotations(
    spec.annotate.map((a) => ({ x: x(categoryOf(a, cats, spec))! + x.bandwidth() / 2, label: a.label })),
    left,
    WIDTH - GAP,
  );
  const unitY = GAP + FONT.tick;
  const headroom = showTotals ? LINE + 6 : FONT.tick / 2;
  const top = GAP + (spec.unit ? UNIT_ROOM : 0) + plan.height + headroom;
  y.range([bottom, top]);
  const frame = { left, right: WIDTH - right, top, bottom };
  const zero = y(0);

  const last = cats.length - 1;
  const labels = drawEndLabels(
    // Name each series beside its segment in the last column; if it has none there, its last segment.
    [
      ...layers.map((l, s) => {
        const seg = [...l].reverse().find(([a, b]) => a !== b) ?? l[last]!;
        return { y: y((seg[0] + seg[1]) / 2), name: spec.names[s]!, value: '', series: s, paint: seriesPaint[s] };
      }),
      ...yRules.map((r) => ({ y: y(r.value), name: r.label, value: '', series: -1 })),
    ],
    frame.right + GAP,
    top,
    bottom,
  );
  const segments = layers.map((l, s) =>
    group(
      seriesClass(s),
      step(spec, s),
      l.map(([a, b], c) =>
        a === b
          ? ''
          : el('rect', {
              ...paintAttrs(est[c] ? 'est' : '', markPaint(s, cats[c]!)),
              x: x(cats[c]!)!,
              y: y(Math.max(a, b)),
              width: x.bandwidth(),
              height: Math.abs(y(a) - y(b)),
            }),
      ),
      labels[s]!,
    ),
  );
  const tops = cats.map((_, c) => Math.min(...layers.map((l) => y(l[c]![1]))));
  const totalLabels = showTotals
    ? cats.map((c, i) =>
        text({ class: 'value', x: x(c)! + x.bandwidth() / 2, y: tops[i]! - 10, 'text-anchor': 'middle', 'font-size': FONT.tick }, fmt(totals[i]!)),
      )
    : [];
  const catLabels = cats.map((c, i) =>
    lines({ class: 'tick', x: x(c)! + x.bandwidth() / 2, y: bottom + GAP + FONT.tick, 'text-anchor': 'middle' }, catLines[i]!, x(c)! + x.bandwidth() / 2, LINE),
  );
  const targets = spec.annotate.map((a) => {
    const c = cats.indexOf(categoryOf(a, cats, spec));
    return { y: a.y !== undefined ? y(a.y) : tops[c]! - (showTotals ? LINE + 4 : 0), dot: a.y !== undefined };
  });

  return {
    height: H,
    body:
      axisLeft(yTicks(y, ticksSpec), frame) +
      (spec.unit ? axisTitle(spec.unit, 0, unitY, 'start') : '') +
      segments.join('') +
      baseline(left, zero, frame.right, zero) +
      drawRules(
        yRules.map((r, i) => ({ pos: y(r.value), label: r.label, dir: 'across' as const, text: labels[spec.y.length + i] })),
        frame,
      ) +
      el('g', { class: 'value totals', 'font-size': FONT.tick }, totalLabels) +
      el('g', { class: 'axis axis-x', 'font-size': FONT.tick }, catLabels) +
      drawAnnotations(plan, targets, top - headroom - GAP, spec.fragments ? spec.y.length + 1 : undefined),
    summary:
      `Stacked column chart${spec.unit ? ` in ${spec.unit}` : ''} of ${cats.length} categories, ${cats[0]} to ${cats[last]}. ` +
      seriesSentence(
        'Total',
        totals.map((v, i) => ({ at: cats[i]!, value: v })),
        fmt,
      ) +
      ' ' +
      categorySentences(spec.names, values, cats, fmt),
    table: {
      head: [spec.x!.name, ...spec.names, 'Total'],
      rows: cats.map((c, i) => [c, ...values.map((s) => estText(s[i] === null ? '' : fmt(s[i]!), est[i])), estText(fmt(totals[i]!), est[i])]),
    },
  };
}
