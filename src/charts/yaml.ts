import type * as Yaml from 'yaml';
import type { Alias, Document, Node as YamlNode } from 'yaml';
import { ChartError } from './types.ts';
import type { Cell, LNode } from './types.ts';

// YAML and JSON text to LNodes (values with their lines), for a chart's body and its JSON data files.

/**
 * How charts read YAML, given by the compiler (compile/yaml-tree.ts): a fast reading where it is exact, and
 * the `yaml` package, loaded on first use, for the rest. Passed in because charts/ loads no module lazily.
 */
export interface YamlReader {
  /** LNodes with lines `base` + the line in `text`; null for no document; undefined where only `yaml` is exact. */
  fast(text: string, base: number): LNode | null | undefined;
  yaml(): typeof Yaml;
}

export function parseJson(text: string, file: string, reader: YamlReader): LNode {
  try {
    JSON.parse(text);
  } catch (e) {
    // JSON.parse gives no line on Node 20; the YAML parser (JSON is YAML) usually does.
    parseYaml(text, file, 0, `${file} is not valid JSON`, reader);
    const reason = e instanceof Error ? e.message.split(/, "|\n/)[0] : '';
    throw new ChartError(
      { file, line: 0 },
      `${file} is not valid JSON${reason ? ` (${reason})` : ''}.`,
      'Check for trailing commas, comments or single quotes.',
    );
  }
  const root = parseYaml(text, file, 0, `${file} is not valid JSON`, reader);
  if (root === null) throw new ChartError({ file, line: 0 }, `${file} is empty.`, 'Write an array of records.');
  return root;
}

/** Parses YAML (or JSON) into LNodes whose lines are `base` + the line inside `text`; `invalid` starts the error. */
export function parseYaml(text: string, file: string, base: number, invalid: string, reader: YamlReader): LNode | null {
  const fast = reader.fast(text, base);
  if (fast !== undefined) return fast;
  const yaml = reader.yaml();
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => base + (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const error = doc.errors[0];
  if (error) {
    const reason = error.message.split(/ at line \d+|\n/)[0]!.replace(/\.$/, '');
    throw new ChartError(
      { file, line: base + (error.linePos?.[0].line ?? 1) },
      `${invalid}: ${reason}.`,
      'Check the indentation, and quote text that contains ": " or "#".',
      'chart-yaml',
    );
  }
  return doc.contents ? convert(doc.contents, { yaml, targets: aliasTargets(yaml, doc), lineOf, expanded: 0, file }, 0) : null;
}

/** Most aliases a chart may expand: enough to reuse a style, too few for a "billion laughs" bomb. */
export const MAX_ALIASES = 100;

interface Walk {
  yaml: typeof Yaml;
  /** Each alias's anchored node, found in one pass (yaml's `resolve` walks the whole document per alias). */
  targets: Map<Alias, YamlNode>;
  lineOf: (o: number | undefined) => number;
  /** Aliases expanded so far, nested ones included: the output stays within MAX_ALIASES copies of the input. */
  expanded: number;
  file: string;
}

function aliasTargets({ isAlias, visit }: typeof Yaml, doc: Document): Map<Alias, YamlNode> {
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
  const { isAlias, isMap, isScalar, isSeq } = walk.yaml;
  const line = walk.lineOf(node.range?.[0]);
  if (depth > 64) throw new ChartError({ file: walk.file, line }, 'The chart nests too deeply.', 'Keep the chart keys and data at most a few levels deep.');
  if (isAlias(node)) {
    if (++walk.expanded > MAX_ALIASES) {
      throw new ChartError(
        { file: walk.file, line },
        `The chart uses more than ${MAX_ALIASES} YAML aliases (*name).`,
        'Write the values out; aliases that repeat aliases multiply the data.',
        'yaml-aliases',
      );
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
