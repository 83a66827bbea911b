import { describe, expect, it } from 'vitest';
import { render, renderFixture } from './helpers.ts';
import { find, groups } from './svg-query.ts';

const EVIL = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('chart output', () => {
  it.each([
    ['scatter label', `kind: scatter\ntitle: T\ndata:\n  - { n: "${EVIL}", a: 1, b: 2 }\n  - { n: ok, a: 2, b: 3 }\nx: a\ny: b\nlabel: n\n`],
    ['category', `kind: bar\ntitle: T\ndata:\n  - { k: "${EVIL}", v: 1 }\nx: k\ny: v\n`],
    ['timeline label', `kind: timeline\ntitle: T\ndata:\n  - { d: 2025-01-01, t: "${EVIL}" }\ndate: d\nlabel: t\n`],
    [
      'title, caption, unit and series name',
      `kind: line\ntitle: "${EVIL}"\ncaption: "${EVIL}"\nunit: "${EVIL}"\ndata:\n  - { x: 1, v: 1 }\n  - { x: 2, v: 2 }\nx: x\ny: v\nseries: { v: "${EVIL}" }\nannotate:\n  - { x: 1, label: "${EVIL}" }\n`,
    ],
  ])('escapes a %s in the SVG and in the table', (_, source) => {
    const html = render(source);
    expect(html).not.toContain('<script');
    const svg = html.slice(0, html.indexOf('</svg>'));
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    expect(svg).toContain(ESCAPED);
    expect(table).toContain(ESCAPED);
  });

  it('escapes quotes in attribute values such as the id prefix', () => {
    const html = render('kind: bar\ntitle: T\ndata:\n  - { k: a, v: 1 }\nx: k\ny: v\n', 'inline', { idPrefix: 'x" onload="alert(1)' });
    expect(html).not.toContain('" onload="');
    expect(html).toContain('id="x&quot; onload=&quot;alert(1)-title"');
  });

  it('gives the SVG an accessible name and description that point at real ids', () => {
    const html = renderFixture('line-market-cap');
    const svg = find(html, 'svg')[0]!;
    expect(svg.attrs.role).toBe('img');
    expect(svg.attrs.viewBox).toBe('0 0 1600 640');
    expect(find(html, 'title')[0]!.attrs.id).toBe(svg.attrs['aria-labelledby']);
    expect(find(html, 'desc')[0]!.attrs.id).toBe(svg.attrs['aria-describedby']);
    const desc = find(html, 'desc')[0]!.text;
    expect(desc).toContain('from $3.02 (5 Jun 2024) to $5.05 (29 Oct 2025)');
    expect(desc).toContain('highest $5.05');
    expect(desc).toContain('Marked: 27 Jan 2025: −$589B in a day.');
  });

  it('puts every data row in the hidden table, formatted', () => {
    const html = renderFixture('column-revenue');
    expect(find(html, 'table')[0]!.attrs.class).toBe('sr-only');
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual(['Q1 FY25', '$22.6']);
    expect(html).toContain('<th scope="col">quarter</th><th scope="col">Data Center revenue</th>');
  });

  it('ends the figure with the caption and the cited source labels', () => {
    const html = renderFixture('line-market-cap');
    expect(html).toMatch(
      /<figcaption><p class="chart-caption">Milestone points, not a daily series\.<\/p><p class="chart-source">Sources: Label of cnbc-2024-06 · Label of reuters-2025-07-09<\/p><\/figcaption><\/figure>$/,
    );
  });

  it('cites each source key at the line it is written on', () => {
    const cited: [string, number][] = [];
    render('kind: bar\ntitle: T\ndata:\n  - { k: a, v: 1 }\nx: k\ny: v\nsource:\n  - one\n  - two\n', 'inline', {
      cite: (key, line) => (cited.push([key, line]), key),
    });
    expect(cited).toEqual([
      ['one', 18],
      ['two', 19],
    ]);
  });

  it('leaves out the figcaption when there is neither caption nor source', () => {
    expect(render('kind: bar\ntitle: T\ndata:\n  - { k: a, v: 1 }\nx: k\ny: v\n')).not.toContain('figcaption');
  });

  it('numbers fragments in order: series first, then annotations', () => {
    const html = renderFixture('line-multi');
    const steps = [...html.matchAll(/<g class="([^"]*) fragment" data-fragment-index="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(steps).toEqual([
      ['series series-1', 1],
      ['series series-2', 2],
      ['series series-3', 3],
      ['annotation', 4],
      ['annotation', 5],
    ]);
  });

  it('makes each bar, point and timeline event its own fragment', () => {
    expect(groups(renderFixture('bar-chips'), 'fragment').map((g) => g.attrs['data-fragment-index'])).toEqual(['1', '2', '3', '4', '5']);
    expect(groups(renderFixture('timeline-r2'), 'event').every((g) => g.attrs.class!.includes('fragment'))).toBe(true);
  });

  it('adds no fragments unless asked', () => {
    expect(renderFixture('column-revenue')).not.toContain('fragment');
  });

  it('derives ids from the id prefix only', () => {
    const html = renderFixture('scatter-thresholds');
    const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['chart-scatter-thresholds', 'chart-scatter-thresholds-title', 'chart-scatter-thresholds-desc']);
  });

  it('writes numbers with at most two decimals', () => {
    for (const name of ['line-market-cap', 'scatter-thresholds', 'timeline-r2']) {
      expect(renderFixture(name)).not.toMatch(/\d\.\d{3,}/);
    }
  });

  it('keeps all chart text at 24 viewBox units or more', () => {
    for (const name of ['line-multi', 'bar-chips', 'stacked-mix', 'timeline-r2']) {
      const sizes = [...renderFixture(name).matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
    }
  });

  it('sorts bars largest first when asked, and keeps data order otherwise', () => {
    const source = (sort: boolean) => `kind: bar\ntitle: T\ndata:\n  - { k: small, v: 1 }\n  - { k: big, v: 9 }\nx: k\ny: v\nsort: ${sort}\n`;
    const names = (html: string) => find(html, 'text', 'label').map((t) => t.text);
    expect(names(render(source(true)))).toEqual(['big', 'small']);
    expect(names(render(source(false)))).toEqual(['small', 'big']);
  });

  it('falls back to a value axis when the values do not fit on the columns', () => {
    const rows = Array.from({ length: 24 }, (_, i) => `  - { k: "c${i}", v: ${1234567 + i} }`).join('\n');
    const html = render(`kind: column\ntitle: T\ndata:\n${rows}\nx: k\ny: v\n`);
    expect(find(html, 'text', 'value')).toHaveLength(0);
    expect(groups(html, 'axis-y')).toHaveLength(1);
  });

  it('reads a JSON file wrapped in an object, and one that is a bare array', () => {
    const wrapped = renderFixture('stacked-mix');
    expect(wrapped).toContain('<th scope="row">FY25</th>');
    const bare = render('kind: column\ntitle: T\ndata: d.json\nx: k\ny: v\n', 'inline', {
      readData: () => ({ path: 'slides/d.json', text: '[{"k": "a", "v": 1}, {"k": "b", "v": 2}]' }),
    });
    expect(find(bare, 'rect')).toHaveLength(2);
  });
});
