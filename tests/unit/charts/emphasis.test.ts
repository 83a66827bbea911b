import { describe, expect, it } from 'vitest';
import { scaleLog, scaleUtc } from 'd3-scale';
import { fitTicks, fitTimeTicks } from '../../../src/charts/axis.ts';
import { axisSpecifier } from '../../../src/charts/values.ts';
import { parseFrontMatter } from '../../../src/compile/frontmatter.ts';
import { DeckError } from '../../../src/compile/errors.ts';
import { issueOf, render } from './helpers.ts';

// The fence opens on line 10 of slides/inline.md, so YAML line k is file line 10 + k.
const bars = (extra: string) => `kind: bar\ntitle: T\ndata:\n  - { chip: H100, r: 1 }\n  - { chip: H20, r: 0.15 }\nx: chip\ny: r\n${extra}`;
const classOf = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);

describe('highlight and entity colours', () => {
  it('puts the named category in the accent class and every other mark in the context class', () => {
    const html = render(bars('highlight: H20\n'));
    expect(classOf(html, /<rect class="([^"]*)"/g)).toEqual(['series series-1 ctx', 'series series-1 hl']);
  });

  it('keeps several series in their own colours in a highlighted category (class lit), and greys the other categories', () => {
    const html = render('kind: column\ntitle: T\ndata:\n  - { c: A, x: 1, y: 2 }\n  - { c: B, x: 3, y: 4 }\nx: c\ny: [x, y]\nhighlight: B\n');
    expect(classOf(html, /<rect class="([^"]*)"/g)).toEqual(['ctx', 'lit', 'ctx', 'lit']);
  });

  it('gives a series or category named in front matter colors its colour, on the mark and its label', () => {
    const html = render('kind: line\ntitle: T\ndata:\n  - { x: 1, Nvidia: 1, AMD: 2 }\n  - { x: 2, Nvidia: 3, AMD: 2 }\nx: x\ny: [Nvidia, AMD]\n', 'inline', {
      colors: { Nvidia: '#76b900' },
    });
    expect(html).toContain('<path class="line" style="--series:#76b900"');
    expect(html).toMatch(/<text class="label series series-1" style="--series:#76b900"/);
    expect(html).not.toMatch(/series-2[^>]*style=/);
  });

  it('highlights an x value on a line chart with an accent dot on every line there, the lines grey', () => {
    const html = render(
      'kind: line\ntitle: T\ndata:\n  - { x: 1, a: 1, b: 2 }\n  - { x: 2, a: 3, b: 1 }\n  - { x: 3, a: 2, b: 2 }\nx: x\ny: [a, b]\nhighlight: 2\n',
    );
    expect(html.match(/<circle class="end hl"/g)).toHaveLength(2);
    expect(classOf(html, /<path class="([^"]*)"/g)).toEqual(['line ctx', 'line ctx']);
  });

  it('reports a highlight that names nothing on the chart at its line, suggesting the spelling that matches', () => {
    expect(issueOf(bars('highlight: h20\n'))).toMatchObject({
      line: 18,
      message: '"highlight" names "h20", which is not a series, category or label of this chart.',
      hint: 'Did you mean "H20"? Names match as written.',
    });
    expect(issueOf(bars('highlight: B200\n'))).toMatchObject({ line: 18, hint: expect.stringContaining('H100, H20') });
  });

  it('refuses a highlight or estimate that is not a name or list of names', () => {
    expect(issueOf(bars('highlight: { a: 1 }\n'))).toMatchObject({ line: 18, message: '"highlight" must name a series, category or label.' });
    expect(issueOf(bars('estimate: []\n'))).toMatchObject({ line: 18, message: '"estimate" names nothing.' });
  });
});

describe('rules on every kind', () => {
  it('draws a value-axis rule on bars, columns, stacks and lines, and widens the axis to reach it', () => {
    for (const kind of ['bar', 'column', 'stacked', 'line']) {
      const html = render(`kind: ${kind}\ntitle: T\ndata:\n  - { c: 1, v: 0.2 }\n  - { c: 2, v: 0.4 }\nx: c\ny: v\nrules: [{ y: 1, label: "H100 = 1.0" }]\n`);
      expect(html, kind).toMatch(/<g class="rule"><line [^>]*\/><text [^>]*>H100 = 1.0<\/text><\/g>/);
    }
  });

  it('takes a date on a timeline and on a line chart with a time axis', () => {
    const timeline = render(
      'kind: timeline\ntitle: T\ndata:\n  - { date: 2025-01-01, label: A }\n  - { date: 2025-06-01, label: B }\nrules: [{ x: 2025-03-01, label: "Rule" }]\n',
    );
    expect(timeline).toContain('>Rule</text>');
    const line = render(
      'kind: line\ntitle: T\ndata:\n  - { d: 2025-01-01, v: 1 }\n  - { d: 2025-06-01, v: 2 }\nx: d\ny: v\nrules: [{ x: 2025-03-01, label: "Rule" }]\n',
    );
    expect(line).toContain('>Rule</text>');
  });

  it("reports a rule on an axis the kind does not have, or of the wrong type, at the rule's line", () => {
    expect(issueOf(bars('rules:\n  - { x: 1, label: L }\n'))).toMatchObject({
      line: 19,
      message: 'A bar chart has no x axis for a rule.',
      hint: expect.stringContaining('y is the value axis'),
    });
    expect(issueOf(bars('rules:\n  - { y: 2025-01-01, label: L }\n'))).toMatchObject({ line: 19, message: 'The rule\'s y "2025-01-01" is not a number.' });
    const timeline = 'kind: timeline\ntitle: T\ndata:\n  - { date: 2025-01-01, label: A }\nrules:\n  - { x: 5, label: L }\n';
    expect(issueOf(timeline)).toMatchObject({ line: 16, message: 'The rule\'s x "5" is not a date, and this axis is a time axis.' });
  });
});

describe('timelines: today and status', () => {
  const events = 'kind: timeline\ntitle: T\ndata:\n  - { date: 2025-01-01, label: A, status: done }\n  - { date: 2026-06-01, label: B, status: planned }\n';
  it('draws planned events with the planned class and a dated today line that widens the axis', () => {
    const html = render(`${events}today: 2026-09-30\n`);
    expect(classOf(html, /<g class="(event[^"]*)"/g)).toEqual(['event series series-1', 'event series series-1 planned']);
    expect(html).toContain('>Today, 30 Sep 2026</text>');
    expect(html).toContain('<th scope="col">status</th>');
  });

  it('reports a bad status at its cell and a today that is not a day at its line', () => {
    expect(issueOf('kind: timeline\ntitle: T\ndata:\n  - { date: 2025-01-01, label: A, status: soon }\n')).toMatchObject({
      line: 14,
      message: expect.stringContaining('a status is done or planned'),
    });
    expect(issueOf(`${events}today: 2026\n`)).toMatchObject({ line: 16, message: '"today" must be a date such as 2026-05-14, not "2026".' });
  });
});

describe('estimates', () => {
  it('marks rows of a truthy estimate column, or the labels listed under estimate, and says "est." in the table', () => {
    const column = render(
      'kind: column\ntitle: T\ndata:\n  - { c: A, v: 1, estimate: "" }\n  - { c: B, v: 2, estimate: no }\n  - { c: C, v: 3, estimate: yes }\nx: c\ny: v\nvalues: false\n',
    );
    expect(classOf(column, /<rect class="([^"]*)"/g)).toEqual(['est']);
    expect(column).toContain('<td>3 (est.)</td>');
    const listed = render(bars('estimate: [H20]\n'));
    expect(classOf(listed, /<rect class="([^"]*)"/g)).toEqual(['series series-1', 'series series-1 est']);
    expect(issueOf(bars('estimate: [B200]\n'))).toMatchObject({ line: 18, message: expect.stringContaining('"estimate" names "B200"') });
  });
});

describe('dumbbell', () => {
  const base = 'kind: dumbbell\ntitle: T\ndata:\n  - { chip: A, promised: 2024, shipped: 2025 }\n  - { chip: B, promised: 2025, shipped: 2025.5 }\nx: chip\n';
  it('draws a hollow start, a solid end and a bar per category, with both ends named once', () => {
    const html = render(`${base}from: promised\nto: shipped\n`);
    expect(html.match(/<circle class="from"/g)).toHaveLength(2);
    expect(html.match(/<circle class="to"/g)).toHaveLength(2);
    expect(html).toContain('>promised</text>');
    expect(html).toContain('<th scope="col">shipped</th>');
  });

  it('requires from and to, and refuses keys of other kinds', () => {
    expect(issueOf(`${base}from: promised\n`)).toMatchObject({ line: 10, message: 'The dumbbell chart has no "to".' });
    expect(issueOf(`${base}from: promised\nto: shipped\ny: v\n`)).toMatchObject({ line: 19, message: 'The key "y" does not apply to dumbbell charts.' });
    expect(issueOf(`${base}from: promised\nto: shippd\n`)).toMatchObject({
      line: 18,
      message: 'The inline data has no column "shippd" for to.',
      hint: expect.stringContaining('"shipped"'),
    });
  });
});

describe('axis ticks', () => {
  it('labels log ticks as plain numbers, never with SI prefixes', () => {
    const scale = scaleLog().domain([0.1, 1000]).range([0, 1400]);
    const labels = fitTicks(scale, 8, axisSpecifier(undefined, true), 'x')
      .map((t) => t.label)
      .filter(Boolean);
    expect(labels).toEqual(['0.1', '1', '10', '100', '1,000']);
    expect(labels.join(' ')).not.toMatch(/\d[mkµ]/);
  });

  it('gives month ticks one format, with the year on the first tick and where it changes', () => {
    const scale = scaleUtc()
      .domain([new Date('2025-02-10'), new Date('2026-05-01')])
      .range([0, 1500]);
    const labels = fitTimeTicks(scale, 8, undefined).map((t) => t.label);
    expect(labels[0]).toMatch(/^[A-Z][a-z]{2} 2025$/);
    expect(labels).toContain('Jan 2026');
    expect(labels.filter((l) => / \d{4}$/.test(l))).toEqual([labels[0], 'Jan 2026']);
    expect(labels.every((l) => /^[A-Z][a-z]{2}( \d{4})?$/.test(l))).toBe(true);
  });

  it('gives a whole-number x axis whole-number ticks, so a year never repeats', () => {
    const html = render('kind: line\ntitle: T\ndata:\n  - { year: 2021, v: 1 }\n  - { year: 2025, v: 2 }\nx: year\nxType: number\ny: v\nxFormat: "d"\n');
    const ticks = [...html.matchAll(/<text class="tick" [^>]*text-anchor="middle">(\d+)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(['2021', '2022', '2023', '2024', '2025']);
  });
});

describe('front matter colors and maxWords', () => {
  const fm = (body: string) => parseFrontMatter(`---\n${body}\n---\n# S`, 'talk.md');
  it('reads colors as lower-case #rrggbb and maxWords as a number (default 60)', () => {
    expect(fm('colors: {Nvidia: "#76B900", Huawei: "#e02"}').meta.colors).toEqual({ Nvidia: '#76b900', Huawei: '#ee0022' });
    expect(fm('title: T').meta.maxWords).toBe(60);
    expect(fm('maxWords: 40').meta.maxWords).toBe(40);
  });

  it('warns at the colors line when a colour lacks contrast with the theme, and errors on a value that is not a colour', () => {
    const issues = fm('theme: light\ncolors: {Nvidia: "#76b900", Huawei: "#c8102e"}').issues;
    expect(issues).toEqual([
      expect.objectContaining({
        line: 3,
        severity: 'warning',
        code: 'color-contrast',
        message: expect.stringMatching(/#76b900 for "Nvidia" has a contrast of 2\.\d\d:1/),
      }),
    ]);
    expect(fm('colors: {Nvidia: "#76b900"}').issues).toEqual([]);
    try {
      fm('title: T\ncolors: {Nvidia: green}');
      throw new Error('expected an error');
    } catch (e) {
      expect(e instanceof DeckError && e.issue).toMatchObject({ line: 3, code: 'bad-color' });
    }
  });
});

describe('estimates on a line with gaps', () => {
  it('draws each piece between gaps as its own path, since a dash pattern restarts at every piece of a path', () => {
    const html = render(
      'kind: line\ntitle: T\ndata:\n  - { x: 1, v: 1 }\n  - { x: 2, v: 2 }\n  - { x: 3, v: "" }\n  - { x: 4, v: 3 }\n  - { x: 5, v: 4, estimate: yes }\nx: x\ny: v\n',
    );
    const paths = [...html.matchAll(/<path class="line"[^>]*>/g)].map((m) => m[0]);
    expect(paths).toHaveLength(2);
    expect(paths[0]).not.toContain('stroke-dasharray');
    expect(paths[1]).toMatch(/d="M[^"]*L[^"]*"/);
    expect(paths[1]).toMatch(/stroke-dasharray="[\d. ]+"/);
    // Without estimates, one path keeps the gap itself.
    expect(
      render('kind: line\ntitle: T\ndata:\n  - { x: 1, v: 1 }\n  - { x: 2, v: "" }\n  - { x: 3, v: 3 }\n  - { x: 4, v: 4 }\nx: x\ny: v\n').match(
        /<path class="line"/g,
      ),
    ).toHaveLength(1);
  });
});

describe('timeline rule labels', () => {
  it("puts a rule's label left of its line when it would run into the next one's", () => {
    const html = render(
      'kind: timeline\ntitle: T\ndata:\n  - { date: 2025-01-01, label: A }\n  - { date: 2025-12-31, label: B }\nrules: [{ x: 2025-06-01, label: "A long rule label" }]\ntoday: 2025-06-20\n',
    );
    const anchors = [...html.matchAll(/<g class="rule( today)?">.*?text-anchor="(start|end)"/g)].map((m) => m[2]);
    expect(anchors).toEqual(['end', 'start']);
  });
});
