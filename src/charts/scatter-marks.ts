import { BoxIndex, FONT, GAP, overlaps, textWidth } from './layout.ts';
import { el, text } from './svg.ts';
import type { Box, Frame } from './layout.ts';
import type { ValueScale } from './frame.ts';
import { ruleValue } from './rules.ts';
import type { ChartSpec } from './types.ts';

const RADIUS = 9;
/** Most point labels a scatter plot tries to place. */
const MAX_LABELS = 400;

/**
 * Regions (shaded, drawn first) and rules (dashed lines) with their labels, kept off the
 * points at `dots`; the returned `boxes` keep point labels off them in turn.
 */
export function ruleMarks(
  spec: ChartSpec,
  x: ValueScale,
  y: ValueScale,
  frame: Frame,
  dots: readonly { x: number; y: number }[],
): { svg: string; boxes: Box[] } {
  const boxes: Box[] = [];
  const points = new BoxIndex(dots.map((p) => box(p.x - RADIUS, p.y - RADIUS, 2 * RADIUS, 2 * RADIUS)));
  const rules = spec.rules.map((r, i) => {
    const w = textWidth(r.label, FONT.tick);
    if (r.axis === 'x') {
      const at = x(ruleValue(r, spec));
      const end = at + GAP + w > frame.right;
      const tx = end ? at - GAP : at + GAP;
      // Stagger labels of neighbouring rules so they never sit on one line.
      const ty = frame.top + FONT.tick + (i % 2) * (FONT.tick + 8);
      boxes.push(box(end ? tx - w : tx, ty - FONT.tick, w, FONT.tick + 6), box(at - 3, frame.top, 6, frame.bottom - frame.top));
      return el(
        'g',
        { class: 'rule' },
        el('line', { x1: at, x2: at, y1: frame.top, y2: frame.bottom }),
        text({ class: 'label', x: tx, y: ty, 'text-anchor': end ? 'end' : 'start', 'font-size': FONT.tick }, r.label),
      );
    }
    const at = y(ruleValue(r, spec));
    boxes.push(box(frame.right - w, at - FONT.tick - 8, w, FONT.tick + 4), box(frame.left, at - 3, frame.right - frame.left, 6));
    return el(
      'g',
      { class: 'rule' },
      el('line', { x1: frame.left, x2: frame.right, y1: at, y2: at }),
      text({ class: 'label', x: frame.right, y: at - 10, 'text-anchor': 'end', 'font-size': FONT.tick }, r.label),
    );
  });
  // Regions come after the rules here so their labels can step out of the way; they are still drawn beneath.
  const regions = spec.regions.map((r) => {
    const x0 = r.x0 === undefined ? frame.left : x(r.x0);
    const x1 = r.x1 === undefined ? frame.right : x(r.x1);
    const y0 = r.y1 === undefined ? frame.top : y(r.y1);
    const y1 = r.y0 === undefined ? frame.bottom : y(r.y0);
    const area = { x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: Math.min(y0, y1), y1: Math.max(y0, y1) };
    return el(
      'g',
      { class: 'region' },
      el('rect', { x: area.x0, y: area.y0, width: area.x1 - area.x0, height: area.y1 - area.y0 }),
      regionLabel(r.label, area, boxes, points),
    );
  });
  return { svg: regions.join('') + rules.join(''), boxes };
}

/** A region's label in its top-left corner, or lower down or at the right when a rule's label is there. */
function regionLabel(label: string, area: Box, boxes: Box[], points: BoxIndex): string {
  if (!label) return '';
  const w = textWidth(label, FONT.tick);
  const h = FONT.tick + 6;
  for (let row = 0; area.y0 + GAP + (row + 1) * h <= area.y1; row++) {
    for (const end of [false, true]) {
      const bx = end ? area.x1 - GAP - w : area.x0 + GAP;
      const b = box(bx, area.y0 + GAP + row * h, w, h);
      if (bx < area.x0 || boxes.some((u) => overlaps(b, u)) || points.hits(b)) continue;
      boxes.push(b);
      return text({ class: 'label muted', x: bx, y: b.y0 + FONT.tick, 'font-size': FONT.tick }, label);
    }
  }
  return '';
}

function box(x: number, y: number, w: number, h: number): Box {
  return { x0: x, y0: y, x1: x + w, y1: y + h };
}

/**
 * Places each point's label at the first free spot around it (right, left, above,
 * below, then diagonals), never over another label, a point, a rule or outside the
 * plot; a label with no free spot is left out (the data table still has it).
 */
export function placePointLabels(points: readonly { x: number; y: number; label: string; cls?: string }[], frame: Frame, taken: Box[]): string[] {
  const used = new BoxIndex([...taken, ...points.map((p) => box(p.x - RADIUS, p.y - RADIUS, 2 * RADIUS, 2 * RADIUS))]);
  const h = FONT.label;
  const inside = (b: Box) => b.x0 >= frame.left - GAP && b.x1 <= frame.right + 2 * GAP && b.y0 >= frame.top - h && b.y1 <= frame.bottom;
  let tried = 0;
  // Highlighted points are labelled first, so theirs get the best spots.
  const order = points.map((_, i) => i).sort((a, b) => Number(points[b]!.cls === 'hl') - Number(points[a]!.cls === 'hl') || a - b);
  const out: string[] = new Array<string>(points.length).fill('');
  for (const i of order) out[i] = place(points[i]!);
  return out;

  function place(p: (typeof points)[number]): string {
    // Past a few hundred labels a plot is too dense to read them (the table has every one), and each try costs.
    if (!p.label || ++tried > MAX_LABELS) return '';
    const w = textWidth(p.label, h);
    const d = RADIUS + 6;
    const spots: [number, number, 'start' | 'middle' | 'end'][] = [
      [p.x + d, p.y, 'start'],
      [p.x - d, p.y, 'end'],
      [p.x, p.y - d - h / 2, 'middle'],
      [p.x, p.y + d + h / 2, 'middle'],
      [p.x + d * 0.7, p.y - d - h / 3, 'start'],
      [p.x + d * 0.7, p.y + d + h / 3, 'start'],
      [p.x - d * 0.7, p.y - d - h / 3, 'end'],
      [p.x - d * 0.7, p.y + d + h / 3, 'end'],
    ];
    for (const [tx, cy, anchor] of spots) {
      const x0 = anchor === 'start' ? tx : anchor === 'end' ? tx - w : tx - w / 2;
      const b = box(x0, cy - h / 2, w, h);
      if (!inside(b) || used.hits(b)) continue;
      used.add(b);
      return text({ class: p.cls ? `label ${p.cls}` : 'label', x: tx, y: cy + h * 0.35, 'text-anchor': anchor, 'font-size': h }, p.label);
    }
    return '';
  }
}
