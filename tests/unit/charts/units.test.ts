import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/charts/data.ts';
import { dodge, overlaps, wrap, textWidth } from '../../../src/charts/layout.ts';
import { stackUp } from '../../../src/charts/stack-labels.ts';
import { esc, num, text } from '../../../src/charts/svg.ts';
import { dateText, isFormat, parseDate, parseNumber, tickSpecifier } from '../../../src/charts/values.ts';

describe('svg helpers', () => {
  it('writes numbers with at most two decimals and never "-0"', () => {
    expect([num(1.23456), num(2), num(-0.001), num(1e-9), num(10.1), num(-3.456)]).toEqual(['1.23', '2', '0', '0', '10.1', '-3.46']);
  });

  it('escapes markup characters in text and attributes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(text({ x: 1.005, class: 'a"b' }, '<b>')).toBe('<text x="1" class="a&quot;b">&lt;b&gt;</text>');
  });
});

describe('values', () => {
  it('accepts plain numbers only, and reads an empty cell as missing', () => {
    expect(['12', '-3.5', '1e3', '.5', ' 7 ', 4].map(parseNumber)).toEqual([12, -3.5, 1000, 0.5, 7, 4]);
    expect(['', null].map(parseNumber)).toEqual([null, null]);
    expect(['1,234', '12%', '$5', 'n/a', true].map(parseNumber)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads YYYY, YYYY-MM and YYYY-MM-DD dates in UTC, with their precision', () => {
    expect(parseDate('2025-01-27')).toEqual({ date: new Date(Date.UTC(2025, 0, 27)), precision: 'day' });
    expect(parseDate('2025-03')).toEqual({ date: new Date(Date.UTC(2025, 2, 1)), precision: 'month' });
    expect(parseDate(2019)).toEqual({ date: new Date(Date.UTC(2019, 0, 1)), precision: 'year' });
    expect(['2025-02-30', '2025-13-01', '25-01-01', '2025/01/01', 'soon'].map(parseDate)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(dateText(parseDate('2025-01-07')!)).toBe('7 Jan 2025');
    expect(dateText(parseDate('2025-01')!)).toBe('Jan 2025');
  });

  it('drops the precision of a format for ticks, and refuses unknown format types', () => {
    expect(tickSpecifier('$.1f')).toBe(' >-$f');
    expect(isFormat(',.0f')).toBe(true);
    expect(isFormat('$.1q')).toBe(false);
    expect(isFormat('nonsense')).toBe(false);
  });
});

describe('CSV parsing', () => {
  it('skips leading # comment lines and keeps data lines right', () => {
    const data = parseCsv('# source: a\n#   indented note\n\ndate,v\n2025-01-01,1\n\n2025-02-01,\n', 'x.csv');
    expect(data.columns).toEqual(['date', 'v']);
    expect(data.rows.map((r) => [r.index, r.where.line, r.cells.get('v')])).toEqual([
      [1, 5, '1'],
      [2, 7, ''],
    ]);
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const data = parseCsv('\uFEFF# c\r\na,b\r\n1,2\r\n', 'x.csv');
    expect(data.columns).toEqual(['a', 'b']);
    expect(data.rows[0]!.where.line).toBe(3);
  });
});

describe('layout', () => {
  it('wraps at spaces within the width, keeping long words whole', () => {
    expect(wrap('one two three four', textWidth('three four', 26) + 1, 26)).toEqual(['one two', 'three four']);
    expect(wrap('supercalifragilistic', 10, 26)).toEqual(['supercalifragilistic']);
  });

  it('moves labels apart without changing their order or leaving the range', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 8 }), (ys) => {
        const out = dodge(
          ys.map((y) => ({ y, h: 30 })),
          0,
          600,
        );
        const order = ys.map((_, i) => i).sort((a, b) => ys[a]! - ys[b]! || a - b);
        for (let k = 1; k < order.length; k++) expect(out[order[k]!]! - out[order[k - 1]!]!).toBeGreaterThanOrEqual(30 - 1e-9);
        for (const y of out) expect(y).toBeGreaterThanOrEqual(15 - 1e-9);
      }),
    );
  });

  it('stacks label blocks so that none overlap, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 1600 }), w: fc.integer({ min: 20, max: 400 }), h: fc.integer({ min: 20, max: 120 }) }), {
          maxLength: 14,
        }),
        fc.boolean(),
        (items, twoSides) => {
          const blocks = items.map((b) => ({ x: b.x, sizes: [{ width: b.w, height: b.h }] }));
          const placed = stackUp(blocks, 0, 1600, twoSides);
          const boxes = placed.map((p, i) => {
            const b = items[i]!;
            const x0 = p.anchor === 'start' ? b.x : b.x - 12 - b.w;
            return { side: p.side, box: { x0, x1: x0 + 12 + b.w, y0: p.lift, y1: p.lift + b.h } };
          });
          for (const [i, a] of boxes.entries()) {
            for (const b of boxes.slice(i + 1)) if (a.side === b.side) expect(overlaps(a.box, b.box)).toBe(false);
          }
        },
      ),
    );
  });

  it('lays out the same blocks the same way every time', () => {
    const blocks = [300, 310, 320, 900, 905].map((x) => ({
      x,
      sizes: [
        { width: 200, height: 60 },
        { width: 120, height: 90 },
      ],
    }));
    expect(stackUp(blocks, 0, 1600, true)).toEqual(stackUp(blocks, 0, 1600, true));
  });
});
