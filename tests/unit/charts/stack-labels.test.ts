import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAP, overlaps, type Box } from '../../../src/charts/layout.ts';
import { stackUp, type Block, type Placed, type Side } from '../../../src/charts/stack-labels.ts';
import { runs } from '../../budget.ts';

// The straightforward O(n³)-per-layout version stackUp replaced, kept to prove the fast one places every block the same.
const SLACK = 8;
function reference(blocks: readonly Block[], minX: number, maxX: number, twoSides = false): Placed[] {
  const byX = blocks.map((_, i) => i).sort((a, b) => blocks[b]!.x - blocks[a]!.x || b - a);
  let first: number[] = [];
  let best = referenceAttempt(blocks, byX, minX, maxX, twoSides);
  for (let retry = 0; retry < 8 && best.crossed.length && first.length < blocks.length; retry++) {
    const next = best.crossed.find((i) => !first.includes(i));
    if (next === undefined) break;
    first = [...first, next];
    const tried = referenceAttempt(blocks, [...first, ...byX.filter((i) => !first.includes(i))], minX, maxX, twoSides);
    if (tried.crossed.length < best.crossed.length) best = tried;
  }
  return best.placed;
}

function referenceAttempt(
  blocks: readonly Block[],
  order: readonly number[],
  minX: number,
  maxX: number,
  twoSides: boolean,
): { placed: Placed[]; crossed: number[] } {
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

const block = fc
  .record({
    x: fc.integer({ min: 0, max: 1600 }),
    sizes: fc.array(fc.record({ width: fc.integer({ min: 20, max: 400 }), height: fc.integer({ min: 20, max: 150 }) }), { minLength: 1, maxLength: 2 }),
    side: fc.constantFrom<Side | undefined>(undefined, undefined, 'up', 'down'),
  })
  .map(({ side, ...b }): Block => (side ? { ...b, side } : b));

describe('stackUp', () => {
  it('places blocks exactly as the straightforward layout does', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 24 }), fc.boolean(), fc.constantFrom(0, 12), (blocks, twoSides, minX) => {
        expect(stackUp(blocks, minX, 1600 - minX, twoSides)).toEqual(reference(blocks, minX, 1600 - minX, twoSides));
      }),
      { numRuns: runs(300) },
    );
  });

  it('lays out 200 events on one date in well under a second', () => {
    const blocks = Array.from(
      { length: 200 },
      (_, i): Block => ({
        x: 800,
        sizes: [
          { width: 280 + (i % 3) * 10, height: 90 },
          { width: 190, height: 120 },
        ],
      }),
    );
    // The best of three runs: the machine is shared, and one slow run says little.
    let seconds = Infinity;
    let placed: Placed[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      placed = stackUp(blocks, GAP, 1600 - GAP, true);
      seconds = Math.min(seconds, (performance.now() - started) / 1000);
    }
    console.log(`stackUp: 200 events on one date in ${seconds.toFixed(3)} s`);
    // Well under a second on an idle machine (0.4 s with 27 processes per core); the old layout took over 120 s.
    expect(seconds).toBeLessThan(3);
    expect(placed).toHaveLength(200);
  });
});
