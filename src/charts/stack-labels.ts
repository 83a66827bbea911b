import { GAP, overlaps } from './layout.ts';
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
  while (best.crossed.length && first.length < blocks.length) {
    const next = best.crossed.find((i) => !first.includes(i));
    if (next === undefined) break;
    first = [...first, next];
    const tried = attempt(blocks, [...first, ...byX.filter((i) => !first.includes(i))], minX, maxX, twoSides);
    if (tried.crossed.length < best.crossed.length) best = tried;
  }
  return best.placed;
}

function attempt(blocks: readonly Block[], order: readonly number[], minX: number, maxX: number, twoSides: boolean): { placed: Placed[]; crossed: number[] } {
  const taken: Record<Side, Box[]> = { up: [], down: [] };
  const placed: Placed[] = new Array(blocks.length);
  const crossed: number[] = [];
  const done = new Set<number>();
  for (const i of order) {
    const b = blocks[i]!;
    const box = (o: Placed): Box => {
      const { width, height } = b.sizes[o.size]!;
      const [x0, x1] = o.anchor === 'start' ? [b.x - 1, b.x + GAP + width + SLACK] : [b.x - GAP - width - SLACK, b.x + 1];
      return { x0, x1, y0: o.lift, y1: o.lift + height };
    };
    const sides: Side[] = b.side ? [b.side] : twoSides ? ['up', 'down'] : ['up'];
    const all = sides.flatMap((side) =>
      [0, ...taken[side].map((t) => t.y1 + GAP / 2)].flatMap((lift) =>
        b.sizes.flatMap((_, size) => (['start', 'end'] as const).map((anchor): Placed => ({ size, anchor, side, lift }))),
      ),
    );
    const inside = all.filter((o) => box(o).x0 >= minX && box(o).x1 <= maxX);
    const options = (inside.length ? inside : all).sort(
      (p, q) => box(p).y1 - box(q).y1 || p.lift - q.lift || sides.indexOf(p.side) - sides.indexOf(q.side) || p.size - q.size || (p.anchor === 'start' ? -1 : 1),
    );
    const leader = (o: Placed): Box => ({ x0: b.x - 1, x1: b.x + 1, y0: 0, y1: o.lift });
    const free = (o: Placed, strict: boolean) => taken[o.side].every((t) => !overlaps(box(o), t) && (!strict || !overlaps(leader(o), t)));
    // A block over a point not yet placed would force that point's leader through it.
    const covers = (o: Placed) => {
      const { x0, x1 } = box(o);
      return blocks.some((c, j) => j !== i && !done.has(j) && (c.side ?? o.side) === o.side && c.x >= x0 && c.x <= x1);
    };
    // Best: nothing crossed now or later; then nothing crossed now; last resort: blocks apart.
    let pick = options.find((o) => free(o, true) && !covers(o)) ?? options.find((o) => free(o, true));
    if (!pick) {
      crossed.push(i);
      pick = options.find((o) => free(o, false)) ?? options[0]!;
    }
    done.add(i);
    taken[pick.side].push(box(pick), leader(pick));
    placed[i] = pick;
  }
  return { placed, crossed };
}

/** Distance from the base that the blocks on `side` reach. */
export function stackHeight(blocks: readonly Block[], placed: readonly Placed[], side: Side = 'up'): number {
  return placed.reduce((m, p, i) => (p.side === side ? Math.max(m, p.lift + blocks[i]!.sizes[p.size]!.height) : m), 0);
}
