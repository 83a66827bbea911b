import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { ChartError } from '../../../src/charts/types.ts';
import { MAX_ALIASES, parseYaml, type YamlReader } from '../../../src/charts/yaml.ts';
import { DeckError } from '../../../src/compile/errors.ts';
import { parseFrontMatter } from '../../../src/compile/frontmatter.ts';
import { parseSources } from '../../../src/compile/sources.ts';
import { chartYaml, fastYaml } from '../../../src/compile/yaml-tree.ts';

// compile/yaml-tree.ts reads YAML with js-yaml and must give what the `yaml` package gave before (the charts'
// LNodes: values, node lines and key lines), or decline. The reference is the charts' own `yaml` reading.
const yamlOnly: YamlReader = { fast: () => undefined, yaml: () => YAML };
const reference = (text: string, base = 0) => parseYaml(text, 'f.md', base, 'bad', yamlOnly);

/** What either reading gives: the tree, or the located error. */
function outcome(read: () => unknown): unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof ChartError || e instanceof DeckError) return { error: e.message, ...('where' in e ? { where: e.where } : { issue: e.issue }) };
    throw e;
  }
}

const SAME = [
  'kind: line\ntitle: T\ndata:\n  - { q: Q1, v: 1.5 }\n  - { q: Q2, v: 2 }\nx: q\ny: [v]',
  'a:\n  # a comment\n\n  b:\n    c: 1\n    d:\n      - x\n      -   y\ne: 2',
  'a:\n- 1\n- 2\nb: { c: [1, 2,\n    3], d: }\n',
  'a: |\n  one\n  two\nb: >-\n  folded\n  text\n\nc: "multi\n  line"\nd: plain\n  continued',
  'dates: [2025-01-01, 2025-01-01T10:00:00Z, 12:30]\nbools: [yes, no, on, off, y, n, True, FALSE]\nnulls: [~, null, NULL, ""]',
  'ints: [017, 0o17, 0x1F, 0b11, 1_000, +12, -0, 9007199254740993]\nfloats: [1., .5, 1e3, -1.5E-2, .inf, -.Inf, .nan, 1_000.5]',
  '<<: { b: 1 }\nc: 2',
  '1: one\n2.50: two\ntrue: three\n"quoted key": 4\n\'single\': 5',
  '- - 1\n  - 2\n- - 3\n-   a: 1\n    b:\n',
  '{"a": [1, 2, {"b": null, "c": true, "d": -1.5e-7}], "e": "\\u00e9\\n\\t\\/"}',
  '# only a comment\n',
  '',
  '~',
  'just text',
  'a: b # trailing comment\nc: "d # not a comment"\nurl: https://example.com/a?b=c#d',
  'colors:\n  Revenue: "#336699"\n  Cost: \'#fff\'\nlist: [ "#1", "#2" ]  # c',
  'a:\r\n  b: 1\r\n  c: [x, y]\r\n',
];

describe('fastYaml reads YAML as the yaml package does', () => {
  it.each(SAME.map((t) => [JSON.stringify(t).slice(0, 60), t]))('%s', (_name, text) => {
    const fast = fastYaml(text, 7);
    expect(fast).not.toBeUndefined();
    expect(fast).toEqual(reference(text, 7));
  });

  it('gives nested keys, list items and flow maps their own lines', () => {
    const text = 'kind: line\n\ndata:\n  # rows\n  - { q: Q1,\n      v: 1 }\n  -\n    q: Q2\n    v:\nstyle:\n  axis:\n    x: 1';
    const line = (n: unknown) => (n as { line: number }).line;
    const root = fastYaml(text, 10)!;
    expect(root.type).toBe('map');
    if (root.type !== 'map') return;
    expect(root.entries.map((e) => [e.key, e.keyLine, line(e.value)])).toEqual([
      ['kind', 11, 11],
      ['data', 13, 15],
      ['style', 20, 21],
    ]);
    const data = root.entries[1]!.value;
    if (data.type !== 'list') throw new Error('data is a list');
    // A map item stands where its first key does, as in yaml.
    expect(data.items.map(line)).toEqual([15, 18]);
    const [first, second] = data.items;
    if (first?.type !== 'map' || second?.type !== 'map') throw new Error('rows are maps');
    expect(first.entries.map((e) => [e.key, e.keyLine, e.value])).toEqual([
      ['q', 15, { type: 'scalar', line: 15, value: 'Q1' }],
      ['v', 16, { type: 'scalar', line: 16, value: 1 }],
    ]);
    // An empty value stands on its key's line.
    expect(second.entries.map((e) => [e.key, e.keyLine, e.value])).toEqual([
      ['q', 18, { type: 'scalar', line: 18, value: 'Q2' }],
      ['v', 19, { type: 'scalar', line: 19, value: null }],
    ]);
    expect(fastYaml(text, 10)).toEqual(reference(text, 10));
  });

  it('keeps YAML 1.2 core scalars: no dates, yes/no and 1_000 are text, 0o17 is octal and 017 decimal', () => {
    const root = fastYaml('a: [2025-01-01, yes, No, 1_000, 0o17, 017, 0x1F, 0b11, .inf, ~, True]');
    expect(root).toMatchObject({
      entries: [{ value: { items: ['2025-01-01', 'yes', 'No', '1_000', 15, 17, 31, '0b11', Infinity, null, true].map((value) => ({ value })) } }],
    });
  });

  it('reads every chart fixture and JSON data file as the yaml package does', () => {
    const dir = new URL('../../fixtures/charts/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(yaml|json)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(fastYaml(text, 3), f).toEqual(reference(text, 3));
    }
  });
});

describe('fastYaml leaves to the yaml package what js-yaml reads differently', () => {
  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x'],
    ['an explicit tag', 'a: !!str 1'],
    ['an unknown tag', 'a: !custom 1'],
    ['a tag glued to a block scalar (an error to yaml; js-yaml drops the tag)', '!>\n|'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['invalid YAML', 'a: b: c'],
    ['tab indentation (an error to yaml)', '\t~]'],
    ['a comment glued to a flow collection (an error to yaml)', '{}#'],
    ['a comment glued to a quoted value (an error to yaml)', 'a: "x"#c'],
    ['an implicit key over 1024 characters (an error to yaml)', `${'k'.repeat(1100)}: 1`],
    ['a %YAML 1.1 directive (dates and yes/no to yaml)', '%YAML 1.1\n---\na: 2025-01-01'],
    ['a second document', 'a: 1\n---\nb: 2'],
    ['a null key', '~: 1'],
    ['a __proto__ key', '__proto__: 1'],
    ['a flow pair in a list', '[a, b: c]'],
    ['a lone CR', 'a: 1\rb: 2'],
    ['a block scalar with an indentation indicator', '|2\n     indented'],
    ['a block scalar with an indentation indicator and chomping', 'a: >-1\n  x'],
    ['nesting deeper than 64', `${'['.repeat(70)}${']'.repeat(70)}`],
  ])('%s', (_name, text) => {
    expect(fastYaml(text)).toBeUndefined();
  });
});

describe('what authors get is unchanged', () => {
  it('a chart that is not valid YAML keeps the error and line the yaml package gave', () => {
    const text = 'kind: line\ntitle: T\ndata:\n  - { q: Q1, v: 1\n  - { q: Q2 }\n';
    const fast = outcome(() => parseYaml(text, 'f.md', 10, 'The chart is not valid YAML', chartYaml));
    expect(fast).toMatchObject({ error: expect.stringMatching(/^The chart is not valid YAML: /), where: { file: 'f.md', line: expect.any(Number) } });
    expect(fast).toEqual(outcome(() => parseYaml(text, 'f.md', 10, 'The chart is not valid YAML', yamlOnly)));
  });

  it('a chart alias bomb still stops at MAX_ALIASES, located', () => {
    const bomb = ['a: &a [x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [*${'abcdefgh'[i]}, *${'abcdefgh'[i]}]`)].join(
      '\n',
    );
    const fast = outcome(() => parseYaml(bomb, 'f.md', 0, 'bad', chartYaml));
    expect(fast).toMatchObject({ error: `The chart uses more than ${MAX_ALIASES} YAML aliases (*name).` });
    expect(fast).toEqual(outcome(() => parseYaml(bomb, 'f.md', 0, 'bad', yamlOnly)));
    // A few aliases still work.
    expect(outcome(() => parseYaml('a: &s { color: red }\nb: *s', 'f.md', 0, 'bad', chartYaml))).toEqual(reference('a: &s { color: red }\nb: *s'));
  });

  it('a chart nested too deeply keeps its located error', () => {
    const deep = `kind: line\ndata: ${'['.repeat(70)}1${']'.repeat(70)}`;
    const fast = outcome(() => parseYaml(deep, 'f.md', 4, 'bad', chartYaml));
    expect(fast).toMatchObject({ error: 'The chart nests too deeply.', where: { line: 6 } });
    expect(fast).toEqual(outcome(() => parseYaml(deep, 'f.md', 4, 'bad', yamlOnly)));
  });

  it('front matter: settings, key lines, invalid YAML and alias bombs as before', () => {
    const fm = parseFrontMatter('---\ntitle: T\n\ndate: 2025-01-01\nreveal:\n  controls: no\n  hash: true\nauthr: x\n---\n# S', 'talk.md');
    expect(fm.meta).toMatchObject({ title: 'T', date: '2025-01-01', reveal: { controls: 'no', hash: true } });
    expect(fm.issues).toEqual([expect.objectContaining({ line: 8, code: 'unknown-key' })]);
    expect(outcome(() => parseFrontMatter('---\ntitle: T\nsize: [1, 2\n---\n# S', 'talk.md'))).toMatchObject({
      issue: {
        line: 3,
        code: 'front-matter-yaml',
        message: 'front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    });
    expect(outcome(() => parseFrontMatter('---\ntitle: T\nsize: 12\nsize: 13\n---\n# S', 'talk.md'))).toMatchObject({
      issue: { line: 4, code: 'front-matter-yaml', message: 'front matter is not valid YAML: Map keys must be unique' },
    });
    const bomb = ['a: &a [x, x]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [*${'abcdefgh'[i]}, *${'abcdefgh'[i]}]`)].join(
      '\n',
    );
    expect(outcome(() => parseFrontMatter(`---\n${bomb}\n---\n# S`, 'talk.md'))).toMatchObject({ issue: { code: 'yaml-aliases' } });
  });

  it('sources.yaml: key and field lines, and the yaml package’s error for invalid YAML', () => {
    const sources = parseSources(
      '# sources\na-2025:\n  title: T\n  publisher: P\n  date: 2025-08-14\n\nb:\n  title: "U: v"\n  publisher: Q\n  date: n.d.\n',
      's.yaml',
    );
    expect([...sources.values()].map((s) => [s.key, s.line, s.date])).toEqual([
      ['a-2025', 2, '2025-08-14'],
      ['b', 7, 'n.d.'],
    ]);
    expect(outcome(() => parseSources('a:\n  title: T\n  publisher: P\n  date: 14 Aug 2025\n', 's.yaml'))).toMatchObject({
      issue: { line: 4, code: 'bad-source' },
    });
    expect(outcome(() => parseSources('a:\n  title: [T\n  publisher: P\n', 's.yaml'))).toMatchObject({
      issue: { code: 'sources-yaml', line: 3, message: expect.stringMatching(/^not valid YAML: /) },
    });
  });
});

describe('fastYaml against the yaml package on generated YAML', () => {
  // Documents built from the pieces authors write, then broken in small ways: whenever fastYaml reads one,
  // the yaml package must read it too, to the same values and lines.
  const scalar = fc.constantFrom(
    'a',
    'two words',
    '1',
    '-2.5',
    '1e3',
    '0o7',
    '017',
    '1_0',
    'yes',
    'null',
    '~',
    '2025-01-01',
    '"q: x"',
    "'s # t'",
    'a#b',
    '@x',
    '- d',
    '',
    'x: y',
  );
  const key = fc.constantFrom('a', 'b', 'kind', '1', 'true', '"k k"', 'a b');
  const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.array(fc.tuple(key, tie('node')), { maxLength: 3 }).map((es) => `{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    ),
  })).node;
  const block = fc
    .array(fc.tuple(key, fc.oneof(node, fc.array(node, { minLength: 1, maxLength: 3 }))), { maxLength: 5 })
    .map((entries) => entries.map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((i) => `  - ${i}`).join('\n')}` : `${k}: ${v}`)).join('\n'));
  const edit = fc.tuple(fc.nat(), fc.constantFrom('', ' ', ':', '- ', '#', '\t', '"', '[', '{', ',', '\n', '\n  ', '&a ', '*a', '|'));
  const applyEdit = (t: string, [at, s]: [number, string]) => {
    const i = at % (t.length + 1);
    return s === '' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + s + t.slice(i);
  };
  const doc = fc.tuple(block, fc.array(edit, { maxLength: 3 })).map(([text, edits]) => edits.reduce(applyEdit, text));

  it('never differs where it answers', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const fast = fastYaml(text, 2);
        if (fast !== undefined) expect(fast).toEqual(outcome(() => reference(text, 2)));
      }),
      { numRuns: 400 },
    );
  });
});
