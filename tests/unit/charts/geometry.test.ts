import { scaleLinear, scaleUtc } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../../src/charts/layout.ts';
import { render } from './helpers.ts';
import { find, groups, n, tickValue } from './svg-query.ts';

const CLOSE = 1; // viewBox units: output is rounded to 0.01, layouts add no other error

/** Ticks of the y axis as {value, pos}: the printed labels, at their grid lines. */
function yTicks(html: string) {
  const grid = find(groups(html, 'grid')[0]!.inner, 'line');
  const labels = find(groups(html, 'axis-y')[0]!.inner, 'text');
  return labels.map((t, i) => ({ value: tickValue(t.text), pos: n(grid[i]!, 'y1'), label: t.text }));
}

/** A linear map from value to position through the first and last tick. */
function fitted(ticks: { value: number; pos: number }[]) {
  const a = ticks[0]!;
  const b = ticks[ticks.length - 1]!;
  return scaleLinear().domain([a.value, b.value]).range([a.pos, b.pos]);
}

describe('chart geometry', () => {
  it('draws a bar for a value twice as large twice as long, from a shared zero', () => {
    const html = render('kind: bar\ntitle: t\ndata:\n  - { k: a, v: 10 }\n  - { k: b, v: 20 }\n  - { k: c, v: 40 }\nx: k\ny: v\n');
    const bars = find(html, 'rect', 'series-1');
    expect(bars).toHaveLength(3);
    const [a, b, c] = bars.map((r) => n(r, 'width'));
    expect(b! / a!).toBeCloseTo(2, 2);
    expect(c! / a!).toBeCloseTo(4, 2);
    expect(new Set(bars.map((r) => r.attrs.x)).size).toBe(1);
  });

  it('draws a column for a value twice as large twice as tall, on one baseline', () => {
    const html = render('kind: column\ntitle: t\ndata:\n  - { k: a, v: 15 }\n  - { k: b, v: 30 }\nx: k\ny: v\n');
    const [a, b] = find(html, 'rect');
    expect(n(b!, 'height') / n(a!, 'height')).toBeCloseTo(2, 2);
    expect(n(a!, 'y') + n(a!, 'height')).toBeCloseTo(n(b!, 'y') + n(b!, 'height'), 2);
  });

  it('stacks segments whose heights are proportional to their values', () => {
    const html = render('kind: stacked\ntitle: t\ndata:\n  - { k: a, p: 10, q: 30 }\nx: k\ny: [p, q]\n');
    const [p, q] = find(html, 'rect');
    expect(n(q!, 'height') / n(p!, 'height')).toBeCloseTo(3, 2);
    expect(n(q!, 'y') + n(q!, 'height')).toBeCloseTo(n(p!, 'y'), 2);
  });

  it('labels the value axis with d3 ticks of the nice domain', () => {
    const html = render('kind: line\ntitle: t\ndata:\n  - { d: 2024-01-01, v: 1.2 }\n  - { d: 2024-06-01, v: 3.9 }\nx: d\ny: v\nformat: "$.2f"\n');
    const ticks = yTicks(html);
    const nice = scaleLinear().domain([0, 3.9]).nice();
    const count = [...Array(12).keys()].find((k) => nice.ticks(k).length === ticks.length)!;
    expect(ticks.map((t) => t.label)).toEqual(nice.ticks(count).map(nice.tickFormat(count, '$f')));
    expect(ticks.map((t) => t.value)).toEqual(nice.ticks(count));
    // Evenly spaced, as the values are.
    const steps = ticks.slice(1).map((t, i) => t.pos - ticks[i]!.pos);
    for (const s of steps) expect(s).toBeCloseTo(steps[0]!, 1);
  });

  it('puts a line annotation at its x on the time scale and on the line', () => {
    const html = render(
      'kind: line\ntitle: t\ndata:\n  - { d: 2024-01-01, v: 10 }\n  - { d: 2024-03-01, v: 30 }\n  - { d: 2024-12-31, v: 20 }\nx: d\ny: v\nannotate:\n  - { x: 2024-03-01, label: peak }\n',
    );
    const path = find(html, 'path', 'line')[0]!.attrs.d!;
    const xs = [...path.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const x = scaleUtc()
      .domain([new Date('2024-01-01'), new Date('2024-12-31')])
      .range([xs[0]![0], xs[xs.length - 1]![0]]);
    const dot = groups(html, 'annotation')[0]!;
    const cx = Number(/cx="([\d.]+)"/.exec(dot.inner)![1]);
    const cy = Number(/cy="([\d.]+)"/.exec(dot.inner)![1]);
    expect(Math.abs(cx - x(new Date('2024-03-01')))).toBeLessThan(CLOSE);
    expect(Math.abs(cy - fitted(yTicks(html))(30))).toBeLessThan(CLOSE);
    expect(Number(/x1="([\d.]+)"/.exec(dot.inner)![1])).toBe(cx);
  });

  it('reads an annotation between two points off the line', () => {
    const html = render('kind: line\ntitle: t\ndata:\n  - { x: 0, v: 10 }\n  - { x: 10, v: 30 }\nx: x\ny: v\nannotate:\n  - { x: 5, label: half }\n');
    const cy = Number(/<circle cx="[\d.]+" cy="([\d.]+)" r="7"/.exec(groups(html, 'annotation')[0]!.inner)![1]);
    expect(Math.abs(cy - fitted(yTicks(html))(20))).toBeLessThan(CLOSE);
  });

  it('draws a scatter rule exactly at its threshold', () => {
    const html = render(
      'kind: scatter\ntitle: t\ndata:\n  - { tpp: 2368, bw: 900 }\n  - { tpp: 15824, bw: 400 }\nx: tpp\ny: bw\nrules:\n  - { x: 4800, label: "TPP 4,800" }\n  - { y: 600, label: "600 GB/s" }\n',
    );
    const xTicks = find(html, 'text', 'tick')
      .filter((t) => t.attrs['text-anchor'] === 'middle')
      .map((t) => ({ value: tickValue(t.text), pos: n(t, 'x') }));
    const [vertical, horizontal] = groups(html, 'rule').map((g) => find(g.inner, 'line')[0]!);
    expect(Math.abs(n(vertical!, 'x1') - fitted(xTicks)(4800))).toBeLessThan(CLOSE);
    expect(Math.abs(n(horizontal!, 'y1') - fitted(yTicks(html))(600))).toBeLessThan(CLOSE);
  });

  it('spaces log-scale ticks by ratio, not difference', () => {
    const html = render('kind: scatter\ntitle: t\ndata:\n  - { a: 1, b: 1 }\n  - { a: 1000, b: 2 }\nx: a\ny: b\nxScale: log\nxFormat: ",~r"\n');
    const ticks = find(html, 'text', 'tick').filter((t) => t.attrs['text-anchor'] === 'middle' && ['1', '10', '100', '1,000'].includes(t.text));
    const pos = ticks.map((t) => n(t, 'x'));
    expect(pos).toHaveLength(4);
    expect(pos[1]! - pos[0]!).toBeCloseTo(pos[2]! - pos[1]!, 1);
    expect(pos[2]! - pos[1]!).toBeCloseTo(pos[3]! - pos[2]!, 1);
  });

  it('leaves a gap in a line where a value is missing', () => {
    const html = render(
      'kind: line\ntitle: t\ndata:\n  - { x: 1, v: 1 }\n  - { x: 2, v: 2 }\n  - { x: 3, v: ~ }\n  - { x: 4, v: 3 }\n  - { x: 5, v: 2 }\nx: x\ny: v\n',
    );
    expect(find(html, 'path', 'line')[0]!.attrs.d!.match(/M/g)).toHaveLength(2);
  });

  it('keeps every timeline label clear of every other label and leader', () => {
    const rows = Array.from(
      { length: 14 },
      (_, i) => `  - { d: 2025-03-${String(2 * i + 1).padStart(2, '0')}, t: "Event ${i + 1} has a longish label to wrap" }`,
    );
    const html = render(`kind: timeline\ntitle: t\ndata:\n${rows.join('\n')}\ndate: d\nlabel: t\n`);
    const events = groups(html, 'event').map((g) => {
      const texts = find(g.inner, 'text');
      const spans = [...g.inner.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
      const x = n(texts[0]!, 'x');
      const w = Math.max(textWidth(texts[0]!.text, 24), ...spans.map((t) => textWidth(t, 26)));
      const start = texts[0]!.attrs['text-anchor'] === 'start';
      const top = n(texts[0]!, 'y') - 24;
      const box = { x0: start ? x : x - w, x1: start ? x + w : x, y0: top, y1: n(texts[1]!, 'y') + (spans.length - 1) * 30 + 6 };
      const leader = find(g.inner, 'line')[0]!;
      return { box, leader: { x: n(leader, 'x1'), y0: Math.min(n(leader, 'y1'), n(leader, 'y2')), y1: Math.max(n(leader, 'y1'), n(leader, 'y2')) } };
    });
    expect(events).toHaveLength(14);
    for (const [i, a] of events.entries()) {
      for (const [j, b] of events.entries()) {
        if (i === j) continue;
        const apart = a.box.x1 <= b.box.x0 || b.box.x1 <= a.box.x0 || a.box.y1 <= b.box.y0 || b.box.y1 <= a.box.y0;
        expect(apart, `labels ${i} and ${j} overlap`).toBe(true);
        const crosses = a.leader.x > b.box.x0 && a.leader.x < b.box.x1 && a.leader.y0 < b.box.y1 && b.box.y0 < a.leader.y1;
        expect(crosses, `leader ${i} crosses label ${j}`).toBe(false);
      }
    }
  });
  it('labels a series that stops early where it stops', () => {
    const html = render('kind: line\ntitle: t\ndata:\n  - { x: 1, a: 1, b: 2 }\n  - { x: 2, a: 2, b: ~ }\n  - { x: 3, a: 3, b: ~ }\nx: x\ny: [a, b]\n');
    const [a, b] = find(html, 'text', 'series');
    const [, endB] = find(html, 'circle', 'end');
    expect(n(b!, 'x')).toBeCloseTo(n(endB!, 'cx') + 12, 1);
    expect(n(b!, 'x')).toBeLessThan(n(a!, 'x'));
  });

  it('keeps the value under a negative column clear of the category label', () => {
    const html = render('kind: column\ntitle: t\ndata:\n  - { k: a, v: -3 }\n  - { k: b, v: 5 }\nx: k\ny: v\n');
    const value = find(html, 'text', 'value').find((t) => t.text === '−3')!;
    const category = find(html, 'text', 'tick').find((t) => t.text === 'a')!;
    expect(n(category, 'y') - n(value, 'y')).toBeGreaterThanOrEqual(26);
  });

  it('gives a single value on a log scale a positive extent', () => {
    const html = render('kind: scatter\ntitle: t\ndata:\n  - { a: 1, b: 5 }\nx: a\ny: b\nxScale: log\nyScale: log\n');
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});

describe('a zero column', () => {
  const spec = (extra = '') =>
    `kind: column\ntitle: t\ndata:\n  - { k: a, v: 0.76 }\n  - { k: none, v: 0 }\n  - { k: c, v: 0.96 }\nx: k\ny: v\nvalues: false\nformat: ".2~f"\n${extra}`;

  it('is a visible stub on the baseline with its value set large above it, even with values: false', () => {
    const html = render(spec('highlight: none\n'));
    const base = n(find(html, 'line', 'baseline')[0]!, 'y1');
    const stub = find(html, 'rect', 'zero');
    expect(stub).toHaveLength(1);
    expect(n(stub[0]!, 'height')).toBeGreaterThanOrEqual(6);
    expect(n(stub[0]!, 'y') + n(stub[0]!, 'height')).toBeCloseTo(base, 2);
    expect(stub[0]!.attrs.class).toContain('hl');
    const value = find(html, 'text', 'zero');
    expect(value.map((t) => t.text)).toEqual(['0']);
    expect(n(value[0]!, 'font-size')).toBeGreaterThanOrEqual(48);
    expect(n(value[0]!, 'y')).toBeLessThan(n(stub[0]!, 'y'));
    expect(value[0]!.attrs.class).toContain('hl');
    // Only the zero prints its value: the others keep values: false.
    expect(find(html, 'text', 'value')).toHaveLength(1);
  });

  it('stops an annotation leader above its value instead of running it down to the baseline', () => {
    const html = render(spec('annotate:\n  - { x: none, label: "no FP8" }\n'));
    const leader = find(groups(html, 'annotation')[0]!.inner, 'line', 'leader')[0]!;
    const value = find(html, 'text', 'zero')[0]!;
    expect(n(leader, 'y2')).toBeLessThan(n(value, 'y') - 48);
  });
});

describe('line milestones', () => {
  const rows = (count: number) => Array.from({ length: count }, (_, i) => `  - { d: ${2000 + i}, v: ${(i * 7) % 5} }`).join('\n');
  const dots = (html: string) => find(groups(html, 'series-1')[0]!.inner, 'circle');

  it('marks every value of a short line with a dot, the last with its end dot', () => {
    const html = render(`kind: line\ntitle: t\ndata:\n${rows(6)}\nx: d\ny: v\n`);
    const all = dots(html);
    expect(all).toHaveLength(6);
    expect(all.filter((c) => c.attrs.class === 'end')).toHaveLength(1);
    expect(new Set(all.map((c) => c.attrs.cx)).size).toBe(6);
  });

  it('leaves a dense series as a line, with only its end dot', () => {
    const html = render(`kind: line\ntitle: t\ndata:\n${rows(30)}\nx: d\ny: v\n`);
    expect(dots(html).map((c) => c.attrs.class)).toEqual(['end']);
  });
});

describe('timeline rules', () => {
  it('end under the lowest label, not at the bottom of a taller height:', () => {
    const spec = (height: number) =>
      `kind: timeline\ntitle: t\ndata:\n  - { d: 2025-02-01, e: First }\n  - { d: 2025-06-01, e: Second }\ndate: d\nlabel: e\nheight: ${height}\nrules:\n  - { x: 2025-09-01, label: Deadline }\n`;
    const lower = (html: string) => Math.max(...find(groups(html, 'rule')[0]!.inner, 'line').map((l) => n(l, 'y2')));
    // Both events hang above the date band, so the content ends just under it, far above 900.
    const tall = render(spec(900));
    expect(lower(tall)).toBeLessThan(300);
    expect(lower(tall)).toBe(lower(render(spec(240))));
  });
});

describe('timeline axis', () => {
  it('starts at a date tick, so the first event is never left of every tick', () => {
    // Quarterly ticks (Jan, Apr, ...) for a year from 8 Dec: the first event used to sit left of "Jan 2026".
    const html = render(
      'kind: timeline\ntitle: t\ndata:\n  - { d: 2025-12-08, e: First }\n  - { d: 2026-05-15, e: Next }\n  - { d: 2026-11-30, e: Last }\ndate: d\nlabel: e\n',
    );
    const ticks = find(groups(html, 'ribbon')[0]!.inner, 'text', 'tick').map((t) => n(t, 'x'));
    const events = find(html, 'circle').map((c) => n(c, 'cx'));
    expect(Math.min(...ticks)).toBeLessThanOrEqual(Math.min(...events));
  });

  it('leaves out a tick label that a dated rule would run into', () => {
    const html = render(
      'kind: timeline\ntitle: t\ndata:\n  - { d: 2026-03-02, e: A }\n  - { d: 2026-12-31, e: B }\n  - { d: 2027-12-31, e: C }\n  - { d: 2028-12-31, e: D }\ndate: d\nlabel: e\ntoday: 2026-11-30\n',
    );
    const today = n(find(groups(html, 'today')[0]!.inner, 'line')[0]!, 'x1');
    const ticks = find(groups(html, 'ribbon')[0]!.inner, 'text', 'tick');
    expect(ticks.length).toBeGreaterThan(3);
    for (const t of ticks) expect(Math.abs(n(t, 'x') - today), t.text).toBeGreaterThanOrEqual(textWidth(t.text, 24) / 2 + 12);
    // "Jan 2027" is left out, and its year goes to the next tick: every year on the axis is still named.
    expect(ticks.map((t) => t.text).filter((l) => /\d{4}$/.test(l))).toEqual(
      expect.arrayContaining([expect.stringMatching(/2026$/), expect.stringMatching(/2027$/)]),
    );
    expect(ticks.map((t) => t.text)).not.toContain('Jan 2027');
  });
});

describe('a line on a time axis', () => {
  it('starts on the tick before its first point, not with the point on the value axis', () => {
    const html = render('kind: line\ntitle: t\ndata:\n  - { d: 2025-01-27, v: 2.9 }\n  - { d: 2025-04-04, v: 2.3 }\n  - { d: 2025-10-29, v: 5 }\nx: d\ny: v\n');
    const axisX = n(find(groups(html, 'grid')[0]!.inner, 'line')[0]!, 'x1');
    const ticks = find(groups(html, 'axis-x')[0]!.inner, 'text').map((t) => ({ x: n(t, 'x'), label: t.text }));
    const first = find(html, 'circle')[0]!;
    expect(n(first, 'cx')).toBeGreaterThan(axisX + 20);
    expect(ticks[0]!.x).toBeLessThanOrEqual(n(first, 'cx'));
    expect(ticks[0]!.label).toBe('Jan 2025');
  });
});
