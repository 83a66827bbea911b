import { FAILSAFE_SCHEMA, Type, load, type LoadOptions } from 'js-yaml';
import type { Cell, LEntry, LNode } from '../charts/types.ts';
import type { YamlReader } from '../charts/yaml.ts';
import { yamlLib } from './lazy-libs.ts';

/**
 * YAML text as LNodes (values with their lines: `base` + the 1-based line in `text`), read by js-yaml; null
 * when there is no document; undefined where that reading might differ from the `yaml` package's, and the
 * caller reads the text with `yaml` as before (its values, errors and lines). Why: in a fresh process `yaml`
 * costs ~50 ms to import and ~100 ms to parse a deck's YAML (sources.yaml, front matter, charts, JSON data)
 * on every build, `dev` start, `check` and export; js-yaml ~5 ms and ~20 ms. js-yaml gives no positions: its
 * `listener` reports where each node opens and closes, and the tree of those events is matched back onto
 * the values, value by value. Declined: text matching UNCOVERED, any js-yaml error or warning, anchors and
 * aliases (the alias caps are `yaml`'s), explicit tags, keys that are not text, numbers or booleans (or are
 * `__proto__`, or very long), shapes the events do not match (`[a: 1]`, an empty `-` item) and nesting
 * deeper than MAX_DEPTH. Differential fuzzing against `yaml` found what UNCOVERED lists.
 */
export function fastYaml(text: string, base = 0): LNode | null | undefined {
  if (UNCOVERED.test(text)) return undefined;
  const events = new Events(text, base);
  try {
    load(text, { schema: CORE, listener: events.listen as unknown as LoadOptions['listener'], onWarning: () => (events.declined = true) });
  } catch {
    return undefined;
  }
  const root = events.roots[0];
  if (events.declined || events.roots.length > 1 || events.anchors()) return undefined;
  // No document at all (only spaces and comments) or an empty one: `yaml` has no contents either.
  if (!root || root.kind === null) return null;
  try {
    return toNode(root, 0);
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

/**
 * Text whose reading is left to `yaml`: lone CR (a line break to js-yaml, not to yaml's line counter), a byte
 * order mark, directives and document markers, `#` right after `,` or `:` and tabs in indentation (errors
 * to yaml in places where js-yaml reads on), and block scalars with an indentation indicator (`|2`: the two
 * count from different columns at the top level), and a `!` where a tag could start (js-yaml drops some
 * tags that yaml refuses).
 */
const UNCOVERED = /\r(?!\n)|\uFEFF|^(?:%|---|\.\.\.)|[,:]#|^ *\t|(?:^|\s)[|>](?:[1-9][-+]?|[-+][1-9])(?:\s|$)|(?:^|[\s[{,])!/m;

/** The charts' reader: this one, and `yaml` for what it declines. */
export const chartYaml: YamlReader = { fast: fastYaml, yaml: yamlLib };

/** Deepest nesting read here; deeper YAML goes to `yaml`, whose reading locates the charts' depth error. */
const MAX_DEPTH = 64;

// YAML 1.2 core scalars exactly as the `yaml` package resolves them (yaml/dist/schema/core): no
// timestamps, `yes`/`no` and `1_000` stay text, `0o17` is octal and `017` decimal. Private tag names, so
// that an explicit `!!int` is not mistaken for a resolved plain scalar.
const TAG = 'tag:chokepoint,2026:';
const CORE_SCALARS: [string, RegExp, (s: string) => unknown][] = [
  ['null', /^(?:~|[Nn]ull|NULL)?$/, () => null],
  ['bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'],
  ['oct', /^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
  ['int', /^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
  ['hex', /^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
  [
    'nan',
    /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY),
  ],
  ['exp', /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
  ['float', /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
];
const CORE = FAILSAFE_SCHEMA.extend({
  implicit: CORE_SCALARS.map(
    ([name, test, construct]) => new Type(TAG + name, { kind: 'scalar', resolve: (s: unknown) => typeof s === 'string' && test.test(s), construct }),
  ),
});
/** Tags a node may close with: none (quoted, block, collections), `?` (plain text) and the types above. */
const PLAIN_TAGS = new Set<string | null>([null, '?', ...CORE_SCALARS.map(([name]) => TAG + name)]);

interface Frame {
  /** Line where the node's text starts (after spaces and comments), and where an empty node stands. */
  line: number;
  emptyLine: number;
  /** Characters from where the node opened to where it closed: at least its text's length. */
  span: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

/** The js-yaml state the listener sees (not in @types/js-yaml). */
interface State {
  input: string;
  position: number;
  line: number;
  kind: string | null;
  result: unknown;
  tag: string | null;
  anchor: string | null;
  anchorMap: Record<string, unknown>;
}

class Events {
  roots: Frame[] = [];
  declined = false;
  private stack: Frame[] = [];
  private state: State | undefined;
  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  listen = (event: 'open' | 'close', state: State): void => {
    this.state = state;
    if (event === 'open') {
      this.stack.push({ line: this.contentLine(state), emptyLine: this.base + state.line + 1, span: state.position, kind: null, result: null, children: [] });
      return;
    }
    const frame = this.stack.pop()!;
    frame.span = state.position - frame.span;
    frame.kind = state.kind;
    frame.result = state.result;
    if (state.anchor !== null || !PLAIN_TAGS.has(state.tag)) this.declined = true;
    // `"a"#` or `[a]#`: a comment must follow a space to yaml (an error there), not to js-yaml.
    if (this.text.charCodeAt(state.position) === 0x23 && !/\s/.test(this.text.charAt(state.position - 1) || ' ')) this.declined = true;
    (this.stack.at(-1)?.children ?? this.roots).push(frame);
  };

  anchors(): boolean {
    return this.state !== undefined && Object.keys(this.state.anchorMap).length > 0;
  }

  /** The 1-based line of the first character after `position` that is not a space, line break or comment. */
  private contentLine(state: State): number {
    const text = this.text;
    let line = this.base + state.line + 1;
    for (let i = state.position; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      else if (c === 0x23 /* # */) {
        const eol = text.indexOf('\n', i);
        if (eol < 0) break;
        i = eol - 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    }
    return line;
  }
}

const DECLINE = Symbol('decline');

function toNode(frame: Frame, depth: number): LNode {
  if (depth > MAX_DEPTH) throw DECLINE;
  const value = frame.result;
  if (frame.kind === null) return { type: 'scalar', line: frame.emptyLine, value: null };
  if (frame.kind === 'scalar') {
    if (!isCell(value)) throw DECLINE;
    return { type: 'scalar', line: frame.line, value };
  }
  // A collection read where a key might have stood sits inside a frame of its own: the same value twice.
  let f = frame;
  while (f.children.length === 1 && f.children[0]!.result === value && f.children[0]!.kind === frame.kind) f = f.children[0]!;
  const kids = f.children;
  if (frame.kind === 'sequence' && Array.isArray(value)) {
    if (kids.length !== value.length || kids.some((k, i) => !Object.is(k.result, value[i]))) throw DECLINE;
    return { type: 'list', line: frame.line, items: kids.map((k) => toNode(k, depth + 1)) };
  }
  if (frame.kind !== 'mapping' || !value || typeof value !== 'object') throw DECLINE;
  const record = value as Record<string, unknown>;
  if (kids.length !== 2 * Object.keys(record).length) throw DECLINE;
  const entries: LEntry[] = [];
  for (let i = 0; i < kids.length; i += 2) {
    const [k, v] = [kids[i]!, kids[i + 1]!];
    // yaml refuses an implicit key longer than 1024 characters; js-yaml reads it.
    if (k.kind !== 'scalar' || !isCell(k.result) || k.result === null || k.span > 1000) throw DECLINE;
    const key = String(k.result);
    if (key === '__proto__' || !Object.hasOwn(record, key) || !Object.is(record[key], v.result)) throw DECLINE;
    entries.push({ key, keyLine: k.line, value: toNode(v, depth + 1) });
  }
  return { type: 'map', line: frame.line, entries };
}

function isCell(v: unknown): v is Cell {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}
