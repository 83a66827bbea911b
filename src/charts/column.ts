import { max } from 'd3-array';
import { scaleBand } from 'd3-scale';
import { axisLeft, axisTitle, baseline } from './axis.ts';
import { categoryOf, numberAt, uniqueCategories } from './columns.ts';
import { categorySentences } from './describe.ts';
import { UNIT_ROOM, heightOf, leftFor, valueScale, yTicks } from './frame.ts';
import { FONT, GAP, WIDTH, maxWidth, wrap } from './layout.ts';
import { drawAnnotations, drawEndLabels, endLabelWidth, planAnnotations, seriesClass, seriesKey, step } from './marks.ts';
import { estText, estimateRows, paintAttrs, painter } from './emphasis.ts';
import { drawRules, marginRules, ruleValues } from './rules.ts';
import type { Paint } from './emphasis.ts';
import { el, group, lines, text } from './svg.ts';
import { tickSpecifier, valueFormatter } from './values.ts';
import type { ChartOutput } from './describe.ts';
import type { ChartSpec, Dataset } from './types.ts';

const LINE = 30;
/** A zero is a value, not a missing column: a low stub on the baseline and its value set large above it. */
const ZERO_STUB = 8;
const ZERO_FONT = FONT.label * 2;

/** Grouped columns: one column per y field in each x category, values printed on top. */
export function renderColumn(spec: ChartSpec, data: Dataset): ChartOutput {
  const H = heightOf(spec);
  const fmt = valueFormatter(spec.format);
  const ticksSpec = tickSpecifier(spec.format);
  const cats = uniqueCategories(data.rows, spec.x!.name, spec);
  const values = spec.y.map((f) => data.rows.map((r) => numberAt(r, f.name, spec)));
  const all = values.flat().filter((v): v is number => v !== null);
  const y = valueScale([...all, ...ruleValues(spec, 'y')], { log: false, zero: true, domain: spec.yDomain, where: spec.where, axis: 'y' });
  const est = estimateRows(spec, data.rows, (r) => [cats[r.index - 1]!], data.columns);
  const paint = painter(spec, [...spec.names, ...spec.y.map((f) => f.name), ...cats]);
  const seriesPaint = spec.y.map((f, i) => paint(spec.names[i]!, f.name));
  // Several series highlighted by category keep their own colours there, so they stay apart; the rest go grey.
  const markPaint = (s: number, c: string): Paint => {
    const p = paint(spec.names[s]!, spec.y[s]!.name, c);
    return p.cls === 'hl' && spec.y.length > 1 && seriesPaint[s]!.cls !== 'hl' ? { cls: 'lit', style: seriesPaint[s]!.style ?? p.style } : p;
  };
  // Series are named at the right of the last group when the names are short; a key above the plot otherwise.
  const direct = spec.y.length > 1 && Math.max(...spec.names.map((name) => endLabelWidth({ name, value: '' }))) <= WIDTH * 0.22;
  const yRules = marginRules(spec);
  const right = direct ? Math.max(...[...spec.names, ...yRules.map((r) => r.label)].map((name) => endLabelWidth({ name, value: '' }))) + 2 * GAP : GAP;

  const band = (left: number) =>
    scaleBand<string>()
      .domain(cats)
      .range([left, WIDTH - right])
      .paddingInner(0.25)
      .paddingOuter(0.1);
  const inner = (outer: number) =>
    scaleBand<number>()
      .domain(spec.y.map((_, i) => i))
      .range([0, outer])
      .paddingInner(0.08);
  const probe = inner(band(GAP).bandwidth());
  // Values go on the columns only if every label fits its column; otherwise an axis reads better.
  // Printed values of estimates say so: the outline alone needs a key.
  const shown = (v: number, i: number) => fmt(v) + (est[i] ? ' est.' : '');
  const showValues = (spec.values ?? true) && values.every((s) => s.every((v, i) => v === null || maxWidth([shown(v, i)], FONT.tick) <= probe.step() - 4));
  const left = showValues ? GAP : leftFor(y, ticksSpec, H);
  const x = band(left);
  const sub = inner(x.bandwidth());
  const catLines = cats.map((c) => wrap(c, x.step() - GAP, FONT.tick));
  const bottom = H - GAP - (max(catLines, (l) => l.length) ?? 0) * LINE - 4;

  const key = direct ? { svg: '', height: 0 } : seriesKey(spec.names, 0, GAP + FONT.label, WIDTH - GAP, seriesPaint);
  const plan = planAnnotations(
    spec.annotate.map((a) => ({ x: x(categoryOf(a, cats, spec))! + x.bandwidth() / 2, label: a.label })),
    left,
    WIDTH - GAP,
  );
  const unitY = GAP + key.height + FONT.tick;
  const headroom = showValues ? LINE + 6 : FONT.tick / 2;
  const top = unitY - FONT.tick + (spec.unit ? UNIT_ROOM : 0) + plan.height + headroom;
  // Values under negative columns need room above the category labels.
  y.range([bottom - (showValues && all.some((v) => v < 0) ? LINE + 6 : 0), top]);
  const zero = y(0);

  const frame = { left, right: WIDTH - right, top, bottom };
  const lastCat = cats.length - 1;
  const names = direct
    ? drawEndLabels(
        [
          ...spec.y.map((_, s) => {
            const v = values[s]![lastCat] ?? 0;
            return { y: (y(v) + zero) / 2, name: spec.names[s]!, value: '', series: s, paint: seriesPaint[s] };
          }),
          ...yRules.map((r) => ({ y: y(r.value), name: r.label, value: '', series: -1 })),
        ],
        frame.right + GAP,
        top,
        bottom,
      )
    : [];
  const columns = spec.y.map((_, s) =>
    group(
      seriesClass(s),
      step(spec, s),
      cats.map((c, i) => {
        const v = values[s]![i];
        if (v === null || v === undefined) return '';
        const cx = x(c)! + sub(s)!;
        if (v === 0) return zeroColumn(cx, sub.bandwidth(), zero, shown(v, i), paintAttrs(est[i] ? 'est' : '', markPaint(s, c)));
        const end = y(v);
        const label = showValues
          ? text(
              { class: 'value', x: cx + sub.bandwidth() / 2, y: v < 0 ? end + FONT.tick + 6 : end - 10, 'text-anchor': 'middle', 'font-size': FONT.tick },
              shown(v, i),
            )
          : '';
        return (
          el('rect', {
            ...paintAttrs(est[i] ? 'est' : '', markPaint(s, c)),
            x: cx,
            y: Math.min(end, zero),
            width: sub.bandwidth(),
            height: Math.abs(end - zero),
          }) + label
        );
      }),
      names[s] ?? '',
    ),
  );
  const labels = cats.map((c, i) =>
    lines(
      { class: paint(c).cls === 'hl' ? 'tick hl' : 'tick', x: x(c)! + x.bandwidth() / 2, y: bottom + GAP + FONT.tick, 'text-anchor': 'middle' },
      catLines[i]!,
      x(c)! + x.bandwidth() / 2,
      LINE,
    ),
  );
  const targets = spec.annotate.map((a) => {
    const i = cats.indexOf(categoryOf(a, cats, spec));
    const tallest = Math.min(...values.map((s) => y(Math.max(0, s[i] ?? 0))));
    // Over a zero the leader stops above its large value, not on the baseline through it.
    const label = values.some((s) => s[i] === 0) ? Math.max(ZERO_STUB + ZERO_FONT + GAP, showValues ? LINE + 4 : 0) : showValues ? LINE + 4 : 0;
    return { y: a.y !== undefined ? y(a.y) : tallest - label, dot: a.y !== undefined };
  });

  return {
    height: H,
    body:
      (showValues ? '' : axisLeft(yTicks(y, ticksSpec), frame)) +
      key.svg +
      (spec.unit ? axisTitle(spec.unit, 0, unitY, 'start') : '') +
      columns.join('') +
      baseline(left, zero, frame.right, zero) +
      drawRules(
        yRules.map((r, i) => ({ pos: y(r.value), label: r.label, dir: 'across' as const, text: names[spec.y.length + i] })),
        frame,
      ) +
      el('g', { class: 'axis axis-x', 'font-size': FONT.tick }, labels) +
      drawAnnotations(plan, targets, top - headroom - GAP, spec.fragments ? spec.y.length + 1 : undefined),
    summary:
      `Column chart${spec.unit ? ` in ${spec.unit}` : ''} of ${cats.length} categories, ${cats[0]} to ${cats[cats.length - 1]}. ` +
      categorySentences(spec.names, values, cats, fmt),
    table: {
      head: [spec.x!.name, ...spec.names],
      rows: cats.map((c, i) => [c, ...values.map((s) => estText(s[i] === null ? '' : fmt(s[i]!), est[i]))]),
    },
  };
}

/**
 * A zero column: drawn at full height it would be nothing, and an annotation's leader would run down to the
 * baseline like a bar of its own. A stub on the baseline in the mark's paint, with the value large above it.
 */
function zeroColumn(x: number, width: number, zero: number, value: string, attrs: Record<string, string | undefined>): string {
  const cls = `${attrs.class ?? ''} zero`.trim();
  return (
    el('rect', { ...attrs, class: cls, x, y: zero - ZERO_STUB, width, height: ZERO_STUB }) +
    text(
      {
        class: ['value zero', ...(attrs.class ?? '').split(' ').filter((c) => c && c !== 'est')].join(' '),
        style: attrs.style,
        x: x + width / 2,
        y: zero - ZERO_STUB - GAP,
        'text-anchor': 'middle',
        'font-size': ZERO_FONT,
      },
      value,
    )
  );
}
