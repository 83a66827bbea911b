import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import { checkColumns } from '../charts/columns.ts';
import { applyFieldDefaults } from '../charts/spec-defaults.ts';
import { jsonRecords, parseCsv, rowsFromList } from '../charts/data.ts';
import { renderChart } from '../charts/index.ts';
import { checkDataSize, checkPoints } from '../charts/limits.ts';
import { missingHint, readSpec } from '../charts/spec.ts';
import { ChartError } from '../charts/types.ts';
import type { Cell, Dataset, LEntry, LNode, Where } from '../charts/types.ts';
import type { ChartContext } from './chart-context.ts';
import { DeckError, closest } from './errors.ts';
import { readAt } from './read-problem.ts';

/**
 * Renders the YAML body of a ```chart fence as a <figure> with an accessible SVG, a
 * hidden data table, caption and source line. Throws a DeckError located at the
 * offending key or data row.
 */
export function renderChartFence(source: string, ctx: ChartContext): string {
  try {
    const root = parseYaml(source, ctx.file, ctx.line, 'The chart is not valid YAML');
    const fence: Where = { file: ctx.file, line: ctx.line };
    if (root === null) throw new ChartError(fence, 'The chart block is empty.', 'Start with `kind: line`, `title: ...` and `data: ...`.');
    if (root.type !== 'map') {
      throw new ChartError({ file: ctx.file, line: root.line }, 'The chart block must be YAML keys such as `kind: line`.', 'Write one `key: value` per line.');
    }
    const { spec, data, applySeriesNames } = readSpec(root, fence, closest);
    spec.colors = new Map(Object.entries(ctx.colors ?? {}));
    const dataset = loadData(data, ctx);
    checkPoints(dataset.rows.length, spec.y.length, { file: ctx.file, line: data.keyLine }, dataset.origin.replace(/^the /, 'The '));
    applyFieldDefaults(spec, dataset, { x: missingHint('x', spec.kind), y: missingHint('y', spec.kind), date: missingHint('date', spec.kind), label: missingHint('label', spec.kind) });
    checkColumns(spec, dataset, { file: ctx.file, line: data.keyLine }, closest);
    applySeriesNames();
    const sources = spec.sources.map((f) => ctx.cite(f.name, f.line));
    return renderChart(spec, dataset, { idPrefix: ctx.idPrefix, sources });
  } catch (e) {
    if (!(e instanceof ChartError)) throw e;
    throw new DeckError({ file: e.where.file, line: e.where.line, code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
  }
}

function loadData(entry: LEntry, ctx: ChartContext): Dataset {
  const node = entry.value;
  const at: Where = { file: ctx.file, line: node.line };
  if (node.type === 'list') return rowsFromList(node, ctx.file, 'the inline data');
  const path = node.type === 'scalar' && typeof node.value === 'string' ? node.value.trim() : '';
  const ext = /\.(csv|json)$/i.exec(path)?.[1]?.toLowerCase();
  if (!ext) {
    throw new ChartError(at, '"data" must be a .csv or .json path or a list of records.', 'Write `data: data/values.csv`, or list records under `data:` as `- { x: 1, y: 2 }`.');
  }
  const file = readAt(ctx.file, node.line, () => ctx.readData(path));
  if (!file) throw new ChartError(at, `The data file "${path}" does not exist.`, 'Paths are relative to the Markdown file; check the folder and spelling.', 'data-not-found');
  checkDataSize(file.text, file.path, { file: ctx.file, line: entry.keyLine }, ext as 'csv' | 'json');
  if (ext === 'csv') return parseCsv(file.text, file.path);
  const root = parseJson(file.text, file.path);
  return rowsFromList(jsonRecords(root, file.path), file.path, `the data in ${file.path}`);
}

function parseJson(text: string, file: string): LNode {
  try {
    JSON.parse(text);
  } catch (e) {
    // JSON.parse gives no line on Node 20; the YAML parser (JSON is YAML) usually does.
    parseYaml(text, file, 0, `${file} is not valid JSON`);
    const reason = e instanceof Error ? e.message.split(/, "|\n/)[0] : '';
    throw new ChartError({ file, line: 0 }, `${file} is not valid JSON${reason ? ` (${reason})` : ''}.`, 'Check for trailing commas, comments or single quotes.');
  }
  const root = parseYaml(text, file, 0, `${file} is not valid JSON`);
  if (root === null) throw new ChartError({ file, line: 0 }, `${file} is empty.`, 'Write an array of records.');
  return root;
}

/** Parses YAML (or JSON) into LNodes whose lines are `base` + the line inside `text`; `invalid` starts the error. */
function parseYaml(text: string, file: string, base: number, invalid: string): LNode | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => base + (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const error = doc.errors[0];
  if (error) {
    const reason = error.message.split(/ at line \d+|\n/)[0]!.replace(/\.$/, '');
    throw new ChartError({ file, line: base + (error.linePos?.[0].line ?? 1) }, `${invalid}: ${reason}.`, 'Check the indentation, and quote text that contains ": " or "#".', 'chart-yaml');
  }
  return doc.contents ? convert(doc.contents, { targets: aliasTargets(doc), lineOf, expanded: 0, file }, 0) : null;
}

/** Most aliases a chart may expand: enough to reuse a style, too few for a "billion laughs" bomb. */
export const MAX_ALIASES = 100;

interface Walk {
  /** Each alias's anchored node, found in one pass (yaml's `resolve` walks the whole document per alias). */
  targets: Map<Alias, YamlNode>;
  lineOf: (o: number | undefined) => number;
  /** Aliases expanded so far, nested ones included: the output stays within MAX_ALIASES copies of the input. */
  expanded: number;
  file: string;
}

function aliasTargets(doc: Document): Map<Alias, YamlNode> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function convert(node: YamlNode, walk: Walk, depth: number): LNode {
  const line = walk.lineOf(node.range?.[0]);
  if (depth > 64) throw new ChartError({ file: walk.file, line }, 'The chart nests too deeply.', 'Keep the chart keys and data at most a few levels deep.');
  if (isAlias(node)) {
    if (++walk.expanded > MAX_ALIASES) {
      throw new ChartError({ file: walk.file, line }, `The chart uses more than ${MAX_ALIASES} YAML aliases (*name).`, 'Write the values out; aliases that repeat aliases multiply the data.', 'yaml-aliases');
    }
    const target = walk.targets.get(node);
    return target ? convert(target, walk, depth + 1) : { type: 'scalar', value: null, line };
  }
  if (isSeq(node)) return { type: 'list', line, items: node.items.map((n) => item(n, line, walk, depth)) };
  if (isMap(node)) {
    const entries = node.items.map((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyLine = isScalar(pair.key) ? walk.lineOf(pair.key.range?.[0]) : line;
      return { key, keyLine, value: item(pair.value, keyLine, walk, depth) };
    });
    return { type: 'map', line, entries };
  }
  const value = isScalar(node) ? node.value : null;
  return { type: 'scalar', line, value: isCell(value) ? value : String(value) };
}

function item(n: unknown, line: number, walk: Walk, depth: number): LNode {
  return n && typeof n === 'object' && 'range' in n ? convert(n as YamlNode, walk, depth + 1) : { type: 'scalar', value: null, line };
}

function isCell(v: unknown): v is Cell {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}
