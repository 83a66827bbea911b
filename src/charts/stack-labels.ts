import { GAP } from './layout.ts';
import type { Box } from './layout.ts';

/** Which side of the base line a block hangs on. */
export type Side = 'up' | 'down';

/** A block's size; a label may offer several (wide and short, narrow and tall). */
export interface Size {
  width: number;
  height: number;
}

/** A label block for a point at `x`: the sizes it can take, best first, and optionally a fixed side. */
export interface Block {
  x: number;
  sizes: readonly Size[];
  side?: Side;
}

/** Where a block went: which size, the side of its leader it sits on, the side of the base, the distance from it. */
export interface Placed {
  size: number;
  anchor: 'start' | 'end';
  side: Side;
  /** Distance from the base line to the block's near edge. */
  lift: number;
}

// Text widths are estimates: a label keeps this much extra room at its far end.
const SLACK = 8;

/**
 * Places label blocks in levels away from a base line (the timeline axis, the top of a
 * plot) so that no two blocks overlap and no leader (from the base to its block)
 * crosses another block. Each block takes the option that reaches least far from the
 * base: any of its sizes, either side of its leader and, with `twoSides`, above or
 * below the base. Blocks go right to left; when one can only be placed with its leader
 * crossing a label, the layout is redone with that block placed first. Fixed orders and
 * tie-breaks keep it deterministic.
 */
export function stackUp(blocks: readonly Block[], minX: number, maxX: number, twoSides = false): Placed[] {
  const byX = blocks.map((_, i) => i).sort((a, b) => blocks[b]!.x - blocks[a]!.x || b - a);
  let first: number[] = [];
  let best = attempt(blocks, byX, minX, maxX, twoSides);
  // Each retry is a full layout: a fixed number of them keeps the cost near n² log n even when every leader crosses.
  for (let retry = 0; retry < MAX_RETRIES && best.crossed.length && first.length < blocks.length; retry++) {
    const next = best.crossed.find((i) => !first.includes(i));
    if (next === undefined) break;
    first = [...first, next];
    const tried = attempt(blocks, [...first, ...byX.filter((i) => !first.includes(i))], minX, maxX, twoSides);
    if (tried.crossed.length < best.crossed.length) best = tried;
  }
  return best.placed;
}

/** Layouts redone with a crossed block moved first, at most. */
const MAX_RETRIES = 8;

/** One way to place a block, before its lift is chosen: a side, a size, an anchor, and what they imply. */
interface Combo {
  side: Side;
  size: number;
  anchor: 'start' | 'end';
  x0: number;
  x1: number;
  height: number;
}

/**
 * Places blocks in `order`. Each block takes, among its options sorted by how far they reach (then lift, side,
 * size, anchor), the first whose box is free and whose leader crosses nothing and covers no unplaced point;
 * else the first with a free box and a clear leader; else (crossed) the first with a free box. A combo's
 * options are its lifts in rising order, so its first free lift (one sweep) is all that can win: a block costs
 * O(n), where sorting and testing every option against every box cost O(n²).
 */
function attempt(blocks: readonly Block[], order: readonly number[], minX: number, maxX: number, twoSides: boolean): { placed: Placed[]; crossed: number[] } {
  const taken: Record<Side, Taken> = { up: new Taken(), down: new Taken() };
  const unplaced: Record<Side, PointCount> = { up: new PointCount(blocks, 'up'), down: new PointCount(blocks, 'down') };
  const placed: Placed[] = new Array(blocks.length);
  const crossed: number[] = [];
  for (const i of order) {
    const b = blocks[i]!;
    const sides: Side[] = b.side ? [b.side] : twoSides ? ['up', 'down'] : ['up'];
    const combos = sides.flatMap((side) =>
      b.sizes.flatMap(({ width, height }, size) =>
        (['start', 'end'] as const).map((anchor): Combo => {
          const [x0, x1] = anchor === 'start' ? [b.x - 1, b.x + GAP + width + SLACK] : [b.x - GAP - width - SLACK, b.x + 1];
          return { side, size, anchor, x0, x1, height };
        }),
      ),
    );
    const inside = combos.filter((c) => c.x0 >= minX && c.x1 <= maxX);
    const use = inside.length ? inside : combos;
    // A leader from the base to `lift` crosses a block iff some block over its x starts below `lift`.
    const leaderLimit = { up: taken.up.lowestOver(b.x - 1, b.x + 1), down: taken.down.lowestOver(b.x - 1, b.x + 1) };
    const free = use.map((c) => taken[c.side].firstFree(c.x0, c.x1, c.height));
    const clear = (k: number) => free[k]! <= leaderLimit[use[k]!.side];
    const covers = (k: number) => unplaced[use[k]!.side].count(use[k]!.x0, use[k]!.x1) > 1;
    let k = earliest(use, (j) => (clear(j) && !covers(j) ? free[j] : undefined)) ?? earliest(use, (j) => (clear(j) ? free[j] : undefined));
    if (k === undefined) {
      crossed.push(i);
      k = earliest(use, (j) => (Number.isFinite(free[j]) ? free[j] : undefined)) ?? earliest(use, () => 0)!;
    }
    const c = use[k.index]!;
    unplaced.up.remove(i);
    unplaced.down.remove(i);
    taken[c.side].add({ x0: c.x0, x1: c.x1, y0: k.lift, y1: k.lift + c.height });
    taken[c.side].add({ x0: b.x - 1, x1: b.x + 1, y0: 0, y1: k.lift });
    placed[i] = { size: c.size, anchor: c.anchor, side: c.side, lift: k.lift };
  }
  return { placed, crossed };
}

/** The first option in layout order among each combo's candidate lift (undefined: the combo has none). */
function earliest(combos: readonly Combo[], liftOf: (k: number) => number | undefined): { index: number; lift: number } | undefined {
  let pick: { index: number; lift: number } | undefined;
  combos.forEach((c, index) => {
    const lift = liftOf(index);
    if (lift === undefined) return;
    // Far edge first, then lift; on a full tie the earlier combo (side, size, anchor order) stays.
    const d = pick === undefined ? -1 : lift + c.height - (pick.lift + combos[pick.index]!.height) || lift - pick.lift;
    if (d < 0) pick = { index, lift };
  });
  return pick;
}

/** The boxes taken on one side, sorted by their near edge, and the lifts just above them. */
class Taken {
  private boxes: Box[] = [];
  private lifts: number[] = [0];

  add(box: Box): void {
    this.boxes.splice(
      upperBound(this.boxes, box.y0, (t) => t.y0),
      0,
      box,
    );
    const lift = box.y1 + GAP / 2;
    this.lifts.splice(
      upperBound(this.lifts, lift, (l) => l),
      0,
      lift,
    );
  }

  /**
   * The lowest candidate lift (0, or just above a taken box) where a box over [x0, x1] of `height` overlaps no
   * taken box; Infinity if none. One sweep: as the lift rises, the boxes starting below the far edge only grow,
   * and one of them overlaps iff the furthest any reaches is past the lift.
   */
  firstFree(x0: number, x1: number, height: number): number {
    const boxes = this.boxes;
    let j = 0;
    let reach = -Infinity;
    for (const lift of this.lifts) {
      for (; j < boxes.length && boxes[j]!.y0 < lift + height; j++) {
        const t = boxes[j]!;
        if (x0 < t.x1 && t.x0 < x1 && t.y1 > reach) reach = t.y1;
      }
      if (!(reach > lift)) return lift;
    }
    return Infinity;
  }

  /** The lowest near edge of a box over [x0, x1] that has any height above the base (Infinity if none). */
  lowestOver(x0: number, x1: number): number {
    for (const t of this.boxes) if (x0 < t.x1 && t.x0 < x1 && t.y1 > 0) return t.y0;
    return Infinity;
  }
}

/** Unplaced points that a block on `side` could cover (those fixed to the other side never count). */
class PointCount {
  private readonly xs: number[];
  private readonly pos: number[];
  private readonly tree: number[];

  constructor(blocks: readonly Block[], side: Side) {
    const order = blocks.map((_, i) => i).sort((a, b) => blocks[a]!.x - blocks[b]!.x);
    this.xs = order.map((i) => blocks[i]!.x);
    this.pos = new Array<number>(blocks.length);
    order.forEach((i, p) => (this.pos[i] = p));
    this.tree = new Array<number>(blocks.length + 1).fill(0);
    blocks.forEach((c, i) => {
      if ((c.side ?? side) === side) this.bump(this.pos[i]!, 1);
    });
  }

  remove(i: number): void {
    if (this.countAt(this.pos[i]!) > 0) this.bump(this.pos[i]!, -1);
  }

  /** Points with x0 <= x <= x1 still unplaced. */
  count(x0: number, x1: number): number {
    return this.prefix(upperBound(this.xs, x1, (x) => x)) - this.prefix(upperBound(this.xs, x0, (x) => x, true));
  }

  private countAt(p: number): number {
    return this.prefix(p + 1) - this.prefix(p);
  }

  private bump(p: number, d: number): void {
    for (let k = p + 1; k < this.tree.length; k += k & -k) this.tree[k]! += d;
  }

  private prefix(n: number): number {
    let s = 0;
    for (let k = n; k > 0; k -= k & -k) s += this.tree[k]!;
    return s;
  }
}

/** Index of the first item whose key is > `value` (>= with `strict`) in a list sorted by key. */
function upperBound<T>(list: readonly T[], value: number, key: (t: T) => number, strict = false): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const k = key(list[mid]!);
    if (strict ? k < value : k <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distance from the base that the blocks on `side` reach. */
export function stackHeight(blocks: readonly Block[], placed: readonly Placed[], side: Side = 'up'): number {
  return placed.reduce((m, p, i) => (p.side === side ? Math.max(m, p.lift + blocks[i]!.sizes[p.size]!.height) : m), 0);
}
