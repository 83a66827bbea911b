import { FONT, GAP, textWidth } from './layout.ts';
import { el, text } from './svg.ts';
import { parseDate } from './values.ts';
import { ChartError } from './types.ts';
import type { Frame } from './layout.ts';
import type { ChartKind, ChartSpec, Rule } from './types.ts';

/** Which axis a kind's rules may name, and what they hold there. */
type AxisUse = 'value' | 'time' | 'number' | 'none';

/**
 * What `x` and `y` mean in each kind's rules: category charts have one value axis, named `y` whatever its
 * direction (bars and dumbbells run it across); a timeline has only dates; a line chart both.
 */
const RULE_AXES: Record<Exclude<ChartKind, 'scatter'>, { x: AxisUse; y: AxisUse }> = {
  line: { x: 'number', y: 'value' },
  column: { x: 'none', y: 'value' },
  bar: { x: 'none', y: 'value' },
  stacked: { x: 'none', y: 'value' },
  dumbbell: { x: 'none', y: 'value' },
  timeline: { x: 'time', y: 'none' },
};

const EXAMPLE: Record<Exclude<ChartKind, 'scatter'>, string> = {
  line: '{ y: 1, label: "H100 = 1.0" }',
  column: '{ y: 1, label: "H100 = 1.0" }',
  bar: '{ y: 1, label: "H100 = 1.0" } (y is the value axis, drawn across)',
  stacked: '{ y: 100, label: "Target" }',
  dumbbell: '{ y: 1, label: "H100 = 1.0" } (y is the value axis, drawn across)',
  timeline: '{ x: 2025-10-01, label: "Rule in force" }',
};

/**
 * A rule's position value: a number on a value or number axis, epoch ms on a time axis. `timeX` says
 * whether a line chart's x is a time axis. Wrong axis or wrong type is an error at the rule's line.
 */
export function ruleValue(rule: Rule, spec: ChartSpec, timeX = false): number {
  const kind = spec.kind === 'scatter' ? undefined : spec.kind;
  const use = kind ? RULE_AXES[kind][rule.axis] : 'number';
  const where = { file: spec.where.file, line: rule.line };
  const hint = `Write ${kind ? EXAMPLE[kind] : '{ x: 4800, label: "TPP 4,800" }'}.`;
  if (use === 'none') throw new ChartError(where, `A ${spec.kind} chart has no ${rule.axis} axis for a rule.`, hint);
  const time = use === 'time' || (use === 'number' && timeX);
  if (time) {
    const d = typeof rule.value === 'string' ? parseDate(rule.value) : undefined;
    if (!d)
      throw new ChartError(
        where,
        `The rule's ${rule.axis} "${rule.value}" is not a date, and this axis is a time axis.`,
        'Write it like the data: YYYY-MM-DD, YYYY-MM or YYYY.',
      );
    return d.date.getTime();
  }
  if (typeof rule.value !== 'number') throw new ChartError(where, `The rule's ${rule.axis} "${rule.value}" is not a number.`, hint);
  return rule.value;
}

/** Numeric values of the rules on one axis, to widen a scale so every rule is inside the plot. */
export function ruleValues(spec: ChartSpec, axis: 'x' | 'y', timeX = false): number[] {
  return spec.rules.filter((r) => r.axis === axis).map((r) => ruleValue(r, spec, timeX));
}

/** The value-axis rules of a chart that names its series at the right: their labels go there too, as end labels. */
export function marginRules(spec: ChartSpec): { value: number; label: string }[] {
  return spec.rules.filter((r) => r.axis === 'y').map((r) => ({ value: ruleValue(r, spec), label: r.label }));
}

/** Room a vertical rule's label needs above the plot. */
export const RULE_ROOM = FONT.tick + GAP;

/**
 * Reference lines across the plot: `across` lines at a y position (label above the line's right end, or
 * `text` when the caller placed it, beside the series names), `down` lines at an x position (label at the
 * top, beside the line, flipped left at the right edge).
 */
export function drawRules(items: readonly { pos: number; label: string; dir: 'across' | 'down'; cls?: string; text?: string }[], frame: Frame): string {
  return items
    .map((r) => {
      const cls = r.cls ? `rule ${r.cls}` : 'rule';
      if (r.dir === 'across') {
        const label = r.text ?? text({ class: 'label', x: frame.right, y: r.pos - 10, 'text-anchor': 'end', 'font-size': FONT.tick }, r.label);
        return el('g', { class: cls }, el('line', { x1: frame.left, x2: frame.right, y1: r.pos, y2: r.pos }), label);
      }
      const w = textWidth(r.label, FONT.tick);
      const end = r.pos + GAP + w > frame.right;
      const ty = frame.top - GAP;
      return el(
        'g',
        { class: cls },
        el('line', { x1: r.pos, x2: r.pos, y1: frame.top - RULE_ROOM + 4, y2: frame.bottom }),
        text({ class: 'label', x: end ? r.pos - GAP : r.pos + GAP, y: ty - 4, 'text-anchor': end ? 'end' : 'start', 'font-size': FONT.tick }, r.label),
      );
    })
    .join('');
}
