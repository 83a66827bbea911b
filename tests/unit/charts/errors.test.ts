import { describe, expect, it } from 'vitest';
import { issueOf, render } from './helpers.ts';

// The fence opens on line 10 of slides/inline.md, so YAML line k is file line 10 + k.
const MD = 'slides/inline.md';

/** A context whose data files are the given texts (path shown as slides/<name>). */
function files(map: Record<string, string>) {
  return { readData: (rel: string) => (rel in map ? { path: `slides/${rel}`, text: map[rel]! } : null) };
}

const base = (extra: string) => `kind: line\ntitle: T\ndata: d.csv\nx: date\ny: v\n${extra}`;
const csv = files({ 'd.csv': '# source: a\n# note\ndate,v\n2025-01-01,1\n2025-02-01,2\n' });

describe('chart errors', () => {
  it('reports an empty fence at the fence line', () => {
    expect(issueOf('')).toMatchObject({ file: MD, line: 10, message: 'The chart block is empty.' });
  });

  it('reports invalid YAML at the line the parser names', () => {
    const issue = issueOf('kind: line\ntitle: a: b\n');
    expect(issue).toMatchObject({ file: MD, line: 12 });
    expect(issue.message).toMatch(/^The chart is not valid YAML: .+\.$/);
    expect(issue.message).not.toMatch(/\n|at line/);
  });

  it('reports a duplicated key at its second line', () => {
    expect(issueOf('kind: line\nkind: bar\n')).toMatchObject({ line: 12, message: expect.stringContaining('Map keys must be unique') });
  });

  it('refuses a body that is not a mapping', () => {
    expect(issueOf('- kind: line\n')).toMatchObject({ line: 11, message: 'The chart block must be YAML keys such as `kind: line`.' });
  });

  it('reports a missing kind at the fence line, listing the kinds', () => {
    const issue = issueOf('title: T\ndata: d.csv\n');
    expect(issue).toMatchObject({ file: MD, line: 10, message: 'The chart has no "kind".' });
    expect(issue.hint).toContain('line, column, bar, stacked, scatter, timeline');
  });

  it('reports an unknown kind at its line and suggests the closest', () => {
    expect(issueOf('title: T\nkind: lines\n')).toMatchObject({
      line: 12,
      message: 'Unknown chart kind "lines".',
      hint: expect.stringContaining('Did you mean "line"?'),
    });
  });

  it('reports an unknown key at its line and suggests the closest', () => {
    expect(issueOf(base('titel: x\n'), csv)).toMatchObject({ line: 16, message: 'Unknown chart key "titel".', hint: 'Did you mean "title"?' });
  });

  it('reports a key that belongs to another kind', () => {
    expect(issueOf(base('sort: true\n'), csv)).toMatchObject({ line: 16, message: 'The key "sort" does not apply to line charts.' });
  });

  it.each([
    ['title', 'kind: line\ndata: d.csv\nx: date\ny: v\n'],
    ['data', 'kind: line\ntitle: T\nx: date\ny: v\n'],
    ['x', 'kind: line\ntitle: T\ndata: d.csv\ny: v\n'],
    ['y', 'kind: line\ntitle: T\ndata: d.csv\nx: date\n'],
  ])('reports a missing %s at the fence line', (key, source) => {
    // Three columns: with exactly two, x and y default to them (spec-defaults.ts, tested below).
    const three = files({ 'd.csv': '# source: a\n# note\ndate,v,w\n2025-01-01,1,3\n2025-02-01,2,4\n' });
    expect(issueOf(source, three)).toMatchObject({ line: 10, message: `The line chart has no "${key}".` });
  });

  it('takes x and y from a two-column dataset, and date/label columns for a timeline; an explicit key wins', () => {
    expect(() => issueOf('kind: line\ntitle: T\ndata: d.csv\n', csv)).toThrow('expected a DeckError');
    const events = files({ 'e.csv': 'date,label,other\n2025-01-01,First,x\n2025-02-01,Second,y\n' });
    expect(() => issueOf('kind: timeline\ntitle: T\ndata: e.csv\n', events)).toThrow('expected a DeckError');
    expect(issueOf('kind: timeline\ntitle: T\ndata: e.csv\nlabel: nope\n', events)).toMatchObject({
      line: 14,
      message: expect.stringContaining('no column "nope"'),
    });
    expect(issueOf('kind: line\ntitle: T\ndata: d.csv\ny: nope\n', csv)).toMatchObject({ line: 14, message: expect.stringContaining('no column "nope"') });
  });

  it('reports a timeline without its label field', () => {
    expect(issueOf('kind: timeline\ntitle: T\ndata: d.csv\ndate: date\n', csv)).toMatchObject({ line: 10, message: 'The timeline chart has no "label".' });
  });

  it('reports a value of the wrong type at its line', () => {
    expect(issueOf(base('fragments: yes please\n'), csv)).toMatchObject({ line: 16, message: '"fragments" must be true or false.' });
    expect(issueOf(base('height: 10\n'), csv)).toMatchObject({ line: 16, message: expect.stringContaining('"height" must be between 240 and 2000') });
    expect(issueOf(base('yDomain: [5, 1]\n'), csv)).toMatchObject({ line: 16, message: '"yDomain" must be two increasing numbers.' });
  });

  it('reports a format that d3-format cannot read', () => {
    expect(issueOf(base('format: "$.1q"\n'), csv)).toMatchObject({ line: 16, message: '"$.1q" is not a d3-format string.' });
  });

  it('reports an xFormat that is neither a number nor a date format at its line', () => {
    expect(issueOf(base('xFormat: "$.1q"\n'), csv)).toMatchObject({ line: 16, message: expect.stringContaining('"$.1q" is neither a d3-format string') });
  });

  it('takes a date format on a date axis, and names a date format on a number axis (both threw before)', () => {
    const dated = render('kind: line\ntitle: T\ndata:\n  - { d: 2024-01-01, v: 1 }\n  - { d: 2024-09-01, v: 2 }\nx: d\ny: v\nxFormat: "%b %Y"\n');
    expect(dated).toContain('Jan 2024');
    const numbers = 'kind: line\ntitle: T\ndata:\n  - { n: 1, v: 1 }\n  - { n: 2, v: 2 }\nx: n\ny: v\nxFormat: "%b %Y"\n';
    expect(issueOf(numbers)).toMatchObject({ message: 'xFormat "%b %Y" formats dates, but n holds numbers.' });
  });

  it('reports data that is neither a path nor a list', () => {
    expect(issueOf('kind: line\ntitle: T\ndata: numbers.txt\nx: a\ny: b\n')).toMatchObject({
      line: 13,
      message: '"data" must be a .csv or .json path or a list of records.',
    });
  });

  it('reports a missing data file with its path at the data line', () => {
    expect(issueOf(base(''), files({}))).toMatchObject({ file: MD, line: 13, message: 'The data file "d.csv" does not exist.' });
  });

  it('reports a missing column at the y line, listing the columns and the closest', () => {
    const issue = issueOf('kind: line\ntitle: T\ndata: d.csv\nx: date\ny: vv\n', csv);
    expect(issue).toMatchObject({ file: MD, line: 15, message: 'The data in slides/d.csv has no column "vv" for y.' });
    expect(issue.hint).toBe('Did you mean "v"? Available columns: date, v.');
  });

  it('reports a missing column in a y list at its own item line', () => {
    expect(issueOf('kind: line\ntitle: T\ndata: d.csv\nx: date\ny:\n  - v\n  - w\n', csv)).toMatchObject({
      line: 17,
      message: expect.stringContaining('no column "w"'),
    });
  });

  it('reports a CSV value that is not a number at its CSV line, naming row and value', () => {
    const bad = files({ 'd.csv': '# source: a\n# note\ndate,v\n2025-01-01,1\n2025-02-01,12abc\n' });
    expect(issueOf(base(''), bad)).toMatchObject({
      file: 'slides/d.csv',
      line: 5,
      message: 'Row 2 (date 2025-02-01) has v = "12abc", which is not a number.',
    });
  });

  it('counts lines inside quoted CSV cells', () => {
    const bad = files({ 'd.csv': 'date,v,note\n2025-01-01,1,"two\nlines"\n2025-02-01,x,ok\n' });
    expect(issueOf(base(''), bad)).toMatchObject({ file: 'slides/d.csv', line: 4 });
  });

  it('reports a CSV row with more cells than columns, hinting at thousands separators', () => {
    const bad = files({ 'd.csv': 'date,v\n2025-01-01,1,234\n' });
    expect(issueOf(base(''), bad)).toMatchObject({
      file: 'slides/d.csv',
      line: 2,
      message: 'Line 2 has 3 cells but the header names 2 columns.',
      hint: expect.stringContaining('thousands separators'),
    });
  });

  it('reports a date that does not exist at its CSV line', () => {
    const bad = files({ 'd.csv': 'date,v\n2025-01-01,1\n2025-02-30,2\n' });
    expect(issueOf(base(''), bad)).toMatchObject({ file: 'slides/d.csv', line: 3, message: 'Row 2 has date = "2025-02-30", which is not a date.' });
  });

  it('reports an inline value that is not a number at its own line', () => {
    const source = 'kind: column\ntitle: T\ndata:\n  - { k: a, v: 1 }\n  - k: b\n    v: lots\nx: k\ny: v\n';
    expect(issueOf(source)).toMatchObject({ file: MD, line: 16, message: 'Row 2 (k b) has v = "lots", which is not a number.' });
  });

  it('reports a data file with no rows at the data line', () => {
    expect(issueOf(base(''), files({ 'd.csv': '# only a comment\ndate,v\n' }))).toMatchObject({
      file: MD,
      line: 13,
      message: 'The data in slides/d.csv has no rows.',
    });
  });

  it('reports invalid JSON in the data file', () => {
    const issue = issueOf('kind: column\ntitle: T\ndata: d.json\nx: k\ny: v\n', files({ 'd.json': '[\n  {"k": "a", "v": 1}\n  {"k": "b", "v": 2}\n]\n' }));
    expect(issue).toMatchObject({ file: 'slides/d.json', line: 3 });
    expect(issue.message).toBe('slides/d.json is not valid JSON: Missing , or : between flow sequence items.');
  });

  it('reports JSON that YAML accepts but JSON does not, for the whole file', () => {
    const issue = issueOf('kind: column\ntitle: T\ndata: d.json\nx: k\ny: v\n', files({ 'd.json': '[{"k": "a", "v": 1},]' }));
    expect(issue).toMatchObject({ file: 'slides/d.json', line: 0, message: expect.stringMatching(/^slides\/d\.json is not valid JSON/) });
  });

  it('reports JSON of the wrong shape', () => {
    expect(issueOf('kind: column\ntitle: T\ndata: d.json\nx: k\ny: v\n', files({ 'd.json': '{"rows": []}' }))).toMatchObject({
      file: 'slides/d.json',
      message: 'slides/d.json holds neither an array of records nor an object with a "data" array.',
    });
  });

  it('reports a bad JSON value at its line in the data file', () => {
    const json = '{\n  "source": "x",\n  "data": [\n    {"k": "a", "v": 1},\n    {"k": "b",\n     "v": "n/a"}\n  ]\n}\n';
    expect(issueOf('kind: column\ntitle: T\ndata: d.json\nx: k\ny: v\n', files({ 'd.json': json }))).toMatchObject({
      file: 'slides/d.json',
      line: 6,
      message: 'Row 2 (k b) has v = "n/a", which is not a number.',
    });
  });

  it('reports a repeated category', () => {
    expect(issueOf('kind: bar\ntitle: T\ndata:\n  - { k: a, v: 1 }\n  - { k: a, v: 2 }\nx: k\ny: v\n')).toMatchObject({
      line: 15,
      message: 'Row 2 repeats k "a".',
    });
  });

  it('reports an annotation whose date is not a date, at the annotation', () => {
    expect(issueOf(base('annotate:\n  - { x: 2025-13-01, label: L }\n'), csv)).toMatchObject({
      file: MD,
      line: 17,
      message: 'The annotation x "2025-13-01" is not a date.',
    });
  });

  it('reports an annotation outside the data range', () => {
    expect(issueOf(base('annotate:\n  - { x: 2030-01-01, label: L }\n'), csv)).toMatchObject({
      line: 17,
      message: 'The annotation x "2030-01-01" lies outside the data, which runs from 1 Jan 2025 to 1 Feb 2025.',
    });
  });

  it('reports an annotation naming no category', () => {
    const issue = issueOf('kind: column\ntitle: T\ndata:\n  - { k: a, v: 1 }\nx: k\ny: v\nannotate:\n  - { x: b, label: L }\n');
    expect(issue).toMatchObject({ line: 18, message: 'The annotation x "b" is not one of the k values.', hint: 'Use one of: a.' });
  });

  it('reports an unknown key inside an annotation', () => {
    expect(issueOf(base('annotate:\n  - x: 2025-01-01\n    text: L\n'), csv)).toMatchObject({ line: 18, message: 'Unknown key "text" in "annotate".' });
  });

  it('reports a series name for a field that is not plotted', () => {
    expect(issueOf(base('series: { w: Wide }\n'), csv)).toMatchObject({ line: 16, message: '"series" names "w", which is not one of the y fields.' });
  });

  it('refuses more than six series', () => {
    expect(issueOf('kind: line\ntitle: T\ndata: d.csv\nx: date\ny: [a, b, c, d, e, f, g]\n', csv)).toMatchObject({
      line: 15,
      message: 'The chart has 7 series; at most 6 stay readable.',
    });
  });

  it('refuses a rule with both x and y', () => {
    expect(issueOf('kind: scatter\ntitle: T\ndata: d.csv\nx: date\ny: v\nrules:\n  - { x: 1, y: 2, label: L }\n', csv)).toMatchObject({
      line: 17,
      message: 'Each rule needs exactly one of x or y.',
    });
  });

  it('refuses values a log scale cannot show', () => {
    const source = 'kind: scatter\ntitle: T\ndata:\n  - { a: 0, b: 1 }\n  - { a: 10, b: 2 }\nx: a\ny: b\nxScale: log\n';
    expect(issueOf(source)).toMatchObject({ line: 10, message: 'The x values include 0, which a log scale cannot show.' });
  });

  it('passes on an unknown source key from the citation registry, at the source line', () => {
    expect(issueOf(base('source: [ok-key, no-such-source]\n'), csv)).toMatchObject({ file: MD, line: 16, message: 'Unknown source "no-such-source".' });
  });

  it('writes every message as one sentence without a stack trace', () => {
    const issue = issueOf(base('titel: x\n'), csv);
    expect(issue.message).toMatch(/^[A-Z"].*\.$/);
    expect(issue.message).not.toMatch(/\n| {4}at /);
  });
});
