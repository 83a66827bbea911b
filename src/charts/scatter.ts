import { max, min } from 'd3-array';
import { axisBottom, axisLeft, axisTitle, fitTicks } from './axis.ts';
import { numberAt } from './columns.ts';
import { listWords } from './describe.ts';
import { TICK_ROOM, UNIT_ROOM, heightOf, leftFor, valueScale, yTicks } from './frame.ts';
import { FONT, GAP, WIDTH, textWidth } from './layout.ts';
import { drawAnnotations, planAnnotations, seriesClass, step } from './marks.ts';
import { placePointLabels, ruleMarks } from './scatter-marks.ts';
import { ruleValue, ruleValues } from './rules.ts';
import { axisSpecifier, cellText, valueFormatter, xNumberFormatter } from './values.ts';
import { el, group } from './svg.ts';
import { ChartError } from './types.ts';
import type { ChartOutput } from './describe.ts';
import { estText, estimateRows, paintAttrs, painter } from './emphasis.ts';
import type { ChartSpec, Dataset, Row } from './types.ts';

/** Points keep clear of the axes: the scales stop this far inside the plot frame. */
const INSET = 28;

/** Scatter plot: labelled points, reference lines (rules) and shaded regions; linear or log axes. */
export function renderScatter(spec: ChartSpec, data: Dataset): ChartOutput {
  const H = heightOf(spec);
  const xName = spec.x!.name;
  const yName = spec.y[0]!.name;
  const fmtX = xNumberFormatter(spec, xName);
  const fmtY = valueFormatter(spec.format);
  const labelOf = (r: Row) => (spec.label ? cellText(r.cells.get(spec.label.name) ?? null) : '');
  const est = estimateRows(spec, data.rows, (r) => [labelOf(r)], data.columns);
  const paint = painter(spec, data.rows.map(labelOf));
  const rows = data.rows.map((r, i) => ({
    x: numberAt(r, xName, spec),
    y: numberAt(r, yName, spec),
    label: labelOf(r),
    est: est[i]!,
  }));
  const points = rows.filter((p): p is { x: number; y: number; label: string; est: boolean } => p.x !== null && p.y !== null);
  if (points.length === 0) throw new ChartError(spec.where, 'No row has both an x and a y value.', `Fill in ${xName} and ${yName}.`);
  const bounds = (axis: 'x' | 'y') => [
    ...ruleValues(spec, axis),
    ...spec.regions.flatMap((r) => (axis === 'x' ? [r.x0, r.x1] : [r.y0, r.y1])).filter((v): v is number => v !== undefined),
  ];
  const x = valueScale([...points.map((p) => p.x), ...bounds('x')], {
    log: spec.xScale === 'log',
    zero: false,
    domain: spec.xDomain,
    where: spec.where,
    axis: 'x',
  });
  const y = valueScale([...points.map((p) => p.y), ...bounds('y')], {
    log: spec.yScale === 'log',
    zero: false,
    domain: spec.yDomain,
    where: spec.where,
    axis: 'y',
  });
  const xTickSpec = axisSpecifier(spec.xFormat, spec.xScale === 'log');
  const yTickSpec = axisSpecifier(spec.format, spec.yScale === 'log');

  const left = leftFor(y, yTickSpec, H);
  x.range([left + INSET, WIDTH - 3 * GAP - INSET]);
  const xTicks = fitTicks(x, 8, xTickSpec, 'x');
  const lastTick = xTicks[xTicks.length - 1];
  const right = Math.max(3 * GAP, lastTick ? lastTick.pos + textWidth(lastTick.label, FONT.tick) / 2 + 4 - WIDTH + 3 * GAP : 0);
  x.range([left + INSET, WIDTH - right - INSET]);
  const plan = planAnnotations(
    spec.annotate.map((a) => ({ x: x(annotationX(a.x, spec, a.line)), label: a.label })),
    left,
    WIDTH - GAP,
  );
  const top = GAP + UNIT_ROOM + plan.height + FONT.tick / 2;
  const bottom = H - TICK_ROOM - UNIT_ROOM;
  y.range([bottom - INSET, top + INSET]);
  const frame = { left, right: WIDTH - right, top, bottom };

  const paints = points.map((p) => paint(p.label));
  const at = points.map((p, i) => ({ x: x(p.x), y: y(p.y), label: p.label, cls: paints[i]!.cls }));
  const guides = ruleMarks(spec, x, y, frame, at);
  const labels = placePointLabels(at, frame, guides.boxes);
  const marks = points.map((p, i) =>
    group(
      paints[i]!.cls ? `point ${paints[i]!.cls}` : 'point',
      step(spec, i),
      el('circle', { ...paintAttrs(seriesClass(0) + (p.est ? ' est' : ''), paints[i]!), cx: x(p.x), cy: y(p.y), r: 9 }),
      labels[i]!,
    ),
  );
  const targets = spec.annotate.map((a) => ({ y: y(a.y ?? y.domain()[1]!), dot: a.y !== undefined }));

  return {
    height: H,
    body:
      axisLeft(yTicks(y, yTickSpec), frame) +
      axisBottom(fitTicks(x, 8, xTickSpec, 'x'), frame, true) +
      axisTitle(spec.unit ?? yName, 0, GAP + FONT.tick, 'start') +
      axisTitle(spec.xUnit ?? xName, frame.right, H - GAP, 'end') +
      guides.svg +
      el('g', { class: 'points' }, marks) +
      drawAnnotations(plan, targets, top - FONT.tick / 2 - GAP, spec.fragments ? points.length + 1 : undefined),
    summary:
      `Scatter plot of ${points.length} points: ${spec.xUnit ?? xName} (${spec.xScale === 'log' ? 'log scale, ' : ''}${fmtX(min(points, (p) => p.x)!)} to ${fmtX(max(points, (p) => p.x)!)}) ` +
      `against ${spec.unit ?? yName} (${spec.yScale === 'log' ? 'log scale, ' : ''}${fmtY(min(points, (p) => p.y)!)} to ${fmtY(max(points, (p) => p.y)!)}).` +
      (spec.rules.length
        ? ` Reference lines: ${listWords(spec.rules.map((r) => `${r.label} at ${r.axis} = ${(r.axis === 'x' ? fmtX : fmtY)(ruleValue(r, spec))}`))}.`
        : '') +
      (spec.regions.some((r) => r.label) ? ` Shaded: ${listWords(spec.regions.filter((r) => r.label).map((r) => r.label))}.` : ''),
    table: {
      head: [...(spec.label ? [spec.label.name] : []), spec.xUnit ?? xName, spec.unit ?? yName],
      rows: rows.map((p) => [...(spec.label ? [p.label] : []), p.x === null ? '' : fmtX(p.x), estText(p.y === null ? '' : fmtY(p.y), p.est)]),
    },
  };
}

function annotationX(value: unknown, spec: ChartSpec, line: number): number {
  if (typeof value === 'number') return value;
  throw new ChartError(
    { file: spec.where.file, line },
    `The annotation x "${String(value)}" is not a number.`,
    'Scatter annotations take numbers: `{ x: 4800, y: 900, label: "..." }`.',
  );
}
