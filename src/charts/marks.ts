import { el, esc, group, lines, num, text } from './svg.ts';
import { FONT, GAP, dodge, maxWidth, textWidth, wrap } from './layout.ts';
import { stackHeight, stackUp } from './stack-labels.ts';
import type { Block, Placed } from './stack-labels.ts';
import type { Paint } from './emphasis.ts';
import type { ChartSpec } from './types.ts';

const LINE = 32;

/** Class of the n-th series (0-based): its colour comes from --chart-(n+1). */
export function seriesClass(i: number): string {
  return `series series-${i + 1}`;
}

/** The fragment index for the n-th step when `fragments: true`, else undefined. */
export function step(spec: ChartSpec, i: number): number | undefined {
  return spec.fragments ? i + 1 : undefined;
}

/** Annotation labels laid out above the plot; `height` is the band they need. */
export interface AnnotationPlan {
  blocks: (Block & { lines: string[][] })[];
  placed: Placed[];
  height: number;
}

/** Lays out annotation labels for marks at the given x positions (in any order). */
export function planAnnotations(items: readonly { x: number; label: string }[], minX: number, maxX: number): AnnotationPlan {
  const blocks = items.map((it) => {
    const variants = [440, 280].map((w) => wrap(it.label, w, FONT.label));
    return { x: it.x, lines: variants, sizes: variants.map((ls) => ({ width: maxWidth(ls, FONT.label), height: ls.length * LINE })) };
  });
  const placed = stackUp(blocks, minX, maxX);
  return { blocks, placed, height: blocks.length ? stackHeight(blocks, placed) + GAP : 0 };
}

/**
 * Draws planned annotations: label above the plot (base line `baseY`), a leader down to
 * the mark and a dot on it (`dot: false` for columns, where the bar is the mark).
 */
export function drawAnnotations(plan: AnnotationPlan, targets: readonly { y: number; dot: boolean }[], baseY: number, firstStep: number | undefined): string {
  return plan.blocks
    .map((b, i) => {
      const p = plan.placed[i]!;
      const target = targets[i]!;
      const top = baseY - p.lift - b.sizes[p.size]!.height;
      const tx = p.anchor === 'start' ? b.x + GAP : b.x - GAP;
      return group(
        'annotation',
        firstStep === undefined ? undefined : firstStep + i,
        el('line', { class: 'leader', x1: b.x, x2: b.x, y1: top, y2: target.y - (target.dot ? 9 : 4) }),
        target.dot ? el('circle', { cx: b.x, cy: target.y, r: 7 }) : '',
        lines({ class: 'label', x: tx, y: top + FONT.label * 0.8, 'text-anchor': p.anchor, 'font-size': FONT.label }, b.lines[p.size]!, tx, LINE),
      );
    })
    .join('');
}

/** A direct label: series name and its formatted value, wanted at height `y` (and at `x`, if not the shared column); series -1 is a rule's label. */
export interface EndLabel {
  y: number;
  x?: number;
  name: string;
  value: string;
  series: number;
  /** Highlight or entity colour of the series it names. */
  paint?: Paint;
}

/** Width an end label needs, for the right margin. */
export function endLabelWidth(l: Pick<EndLabel, 'name' | 'value'>): number {
  return textWidth(l.name ? `${l.name}  ${l.value}` : l.value, FONT.label);
}

/** Renders end labels at `x` (or their own x), moved apart vertically so none overlap, within [top, bottom]. */
export function drawEndLabels(labels: readonly EndLabel[], x: number, top: number, bottom: number): string[] {
  const ys = dodge(
    labels.map((l) => ({ y: l.y, h: LINE })),
    top,
    bottom,
  );
  return labels.map((l, i) => {
    const y = ys[i]! + FONT.label * 0.35;
    const value = l.value ? `<tspan class="value">${esc(l.value)}</tspan>` : '';
    const name = esc(l.name) + (l.name && value ? ' ' : '');
    const cls = l.paint?.cls ? ` ${l.paint.cls}` : '';
    const style = l.paint?.style ? ` style="${esc(l.paint.style)}"` : '';
    // A rule's label (series -1) joins the series names at the right, so the two are nudged apart together.
    if (l.series < 0) return `<text class="label rule-label" x="${num(l.x ?? x)}" y="${num(y)}" font-size="${FONT.label}">${name}</text>`;
    return `<text class="label ${seriesClass(l.series)}${cls}"${style} x="${num(l.x ?? x)}" y="${num(y)}" font-size="${FONT.label}">${name}${value}</text>`;
  });
}

/**
 * A key naming several series by colour, in one or more rows from `x`; charts use it only
 * where a direct label has no room (grouped columns and bars).
 */
export function seriesKey(
  names: readonly string[],
  x: number,
  y: number,
  maxX: number,
  paints: readonly (Paint | undefined)[] = [],
): { svg: string; height: number } {
  if (names.length < 2) return { svg: '', height: 0 };
  const items: string[] = [];
  let cx = x;
  let cy = y;
  names.forEach((name, i) => {
    const w = 28 + textWidth(name, FONT.label);
    if (cx > x && cx + w > maxX) [cx, cy] = [x, cy + LINE + 4];
    items.push(
      el('rect', {
        class: seriesClass(i) + (paints[i]?.cls ? ` ${paints[i]!.cls}` : ''),
        style: paints[i]?.style,
        x: cx,
        y: cy - 18,
        width: 20,
        height: 20,
        rx: 3,
      }),
      text({ class: 'label', x: cx + 28, y: cy, 'font-size': FONT.label }, name),
    );
    cx += w + 2 * GAP + 8;
  });
  return { svg: el('g', { class: 'key' }, ...items), height: cy - y + LINE + GAP };
}
