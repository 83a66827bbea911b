import { parseDate } from './values.ts';
import { ChartError } from './types.ts';
import type { Annotation, ChartSpec, Field, LEntry, LMap, LNode, NameList, Region, Rule } from './types.ts';

type Reader = (spec: ChartSpec, entry: LEntry, file: string) => void;

function fail(file: string, node: LNode, message: string, hint?: string): never {
  throw new ChartError({ file, line: node.line }, message, hint);
}

function text(node: LNode, key: string, file: string): string {
  if (node.type === 'scalar' && node.value !== null && typeof node.value !== 'boolean') return String(node.value);
  return fail(file, node, `"${key}" must be text.`, `Write \`${key}: "..."\`.`);
}

function number(node: LNode, key: string, file: string): number {
  if (node.type === 'scalar' && typeof node.value === 'number') return node.value;
  return fail(file, node, `"${key}" must be a number.`, 'Write a plain number such as 4800 or 0.5.');
}

function flag(node: LNode, key: string, file: string): boolean {
  if (node.type === 'scalar' && typeof node.value === 'boolean') return node.value;
  return fail(file, node, `"${key}" must be true or false.`);
}

function field(node: LNode, key: string, file: string): Field {
  if (node.type === 'scalar' && (typeof node.value === 'string' || typeof node.value === 'number')) {
    return { name: String(node.value), line: node.line };
  }
  return fail(file, node, `"${key}" must name a data field.`, `Write \`${key}: column_name\`.`);
}

function fields(node: LNode, key: string, file: string): Field[] {
  const list = node.type === 'list' ? node.items.map((n) => field(n, key, file)) : [field(node, key, file)];
  if (list.length === 0) fail(file, node, `"${key}" names no field.`, `Write \`${key}: field\` or \`${key}: [a, b]\`.`);
  return list;
}

function choice<T extends string>(node: LNode, key: string, file: string, options: readonly T[]): T {
  const value = node.type === 'scalar' ? String(node.value) : '';
  if ((options as readonly string[]).includes(value)) return value as T;
  return fail(file, node, `"${key}" must be ${options.join(' or ')}, not "${value}".`);
}

function domain(node: LNode, key: string, file: string): [number, number] {
  const [lo, hi, extra] = node.type === 'list' ? node.items.map((n) => number(n, key, file)) : [];
  if (lo === undefined || hi === undefined || extra !== undefined || !(lo < hi)) {
    fail(file, node, `"${key}" must be two increasing numbers.`, `Write \`${key}: [0, 100]\`.`);
  }
  return [lo, hi];
}

/** Most items `annotate`, `rules`, `regions` or `series` may list: more cannot be read, and labels are laid out in O(n²). */
export const MAX_ITEMS = 60;

/** The maps of a key that takes one map or a list of maps (annotate, rules, regions, series). */
export function itemList(entry: LEntry, file: string, key: string): LMap[] {
  const items = entry.value.type === 'list' ? entry.value.items : [entry.value];
  if (items.length > MAX_ITEMS)
    fail(
      file,
      items[MAX_ITEMS]!,
      `"${key}" lists ${items.length} items; at most ${MAX_ITEMS} stay readable.`,
      'Keep the few that matter; the data table holds the rest.',
    );
  return items.map((item) => (item.type === 'map' ? item : fail(file, item, `Each "${key}" item must be a mapping such as { x: ..., label: ... }.`)));
}

/** Reads an item's keys, rejecting unknown ones; returns the value node of each known key. */
function itemKeys(item: LMap, key: string, file: string, allowed: readonly string[]): Map<string, LNode> {
  const found = new Map<string, LNode>();
  for (const e of item.entries) {
    if (!allowed.includes(e.key)) {
      throw new ChartError({ file, line: e.keyLine }, `Unknown key "${e.key}" in "${key}".`, `"${key}" items take ${allowed.join(', ')}.`);
    }
    found.set(e.key, e.value);
  }
  return found;
}

function annotation(item: LMap, file: string): Annotation {
  const k = itemKeys(item, 'annotate', file, ['x', 'y', 'label']);
  const x = k.get('x');
  const label = k.get('label');
  if (x?.type !== 'scalar' || x.value === null) return fail(file, item, 'Each "annotate" item needs an x.', 'Write `{ x: 2025-01-27, label: "..." }`.');
  if (!label) return fail(file, item, 'Each "annotate" item needs a label.', 'Write `{ x: ..., label: "..." }`.');
  const y = k.get('y');
  return { x: x.value, y: y ? number(y, 'y', file) : undefined, label: text(label, 'label', file), line: item.line };
}

function rule(item: LMap, file: string): Rule {
  const k = itemKeys(item, 'rules', file, ['x', 'y', 'label']);
  const x = k.get('x');
  const y = k.get('y');
  const label = k.get('label');
  if ((x === undefined) === (y === undefined)) return fail(file, item, 'Each rule needs exactly one of x or y.', 'Write `{ x: 4800, label: "TPP 4,800" }`.');
  if (!label) return fail(file, item, 'Each rule needs a label.', 'Write `{ x: 4800, label: "TPP 4,800" }`.');
  const node = (x ?? y)!;
  const value = node.type === 'scalar' && typeof node.value === 'string' && parseDate(node.value) ? node.value.trim() : number(node, x ? 'x' : 'y', file);
  return { axis: x ? 'x' : 'y', value, label: text(label, 'label', file), line: item.line };
}

/** One name or a list of names (highlight, estimate): the labels, categories or series they pick. */
function names(node: LNode, key: string, file: string): NameList {
  const items = node.type === 'list' ? node.items : [node];
  const list = items.map((n) =>
    n.type === 'scalar' && n.value !== null && typeof n.value !== 'boolean'
      ? String(n.value).trim()
      : fail(file, n, `"${key}" must name a series, category or label.`, `Write \`${key}: Name\` or \`${key}: [A, B]\`.`),
  );
  if (list.length === 0) fail(file, node, `"${key}" names nothing.`, `Write \`${key}: Name\` or \`${key}: [A, B]\`.`);
  if (list.length > MAX_ITEMS) fail(file, items[MAX_ITEMS]!, `"${key}" lists ${list.length} names; at most ${MAX_ITEMS}.`);
  return { names: list, line: node.line };
}

function day(node: LNode, key: string, file: string): { date: string; line: number } {
  const written = node.type === 'scalar' && node.value !== null ? String(node.value).trim() : '';
  if (parseDate(written)?.precision === 'day') return { date: written, line: node.line };
  return fail(file, node, `"${key}" must be a date such as 2026-05-14, not "${written}".`, `Write \`${key}: YYYY-MM-DD\`.`);
}

function region(item: LMap, file: string): Region {
  const k = itemKeys(item, 'regions', file, ['x0', 'x1', 'y0', 'y1', 'label']);
  const bound = (name: string): number | undefined => {
    const node = k.get(name);
    return node ? number(node, name, file) : undefined;
  };
  const r = { x0: bound('x0'), x1: bound('x1'), y0: bound('y0'), y1: bound('y1') };
  if (Object.values(r).every((v) => v === undefined)) fail(file, item, 'A region needs at least one of x0, x1, y0, y1.');
  const label = k.get('label');
  return { ...r, label: label ? text(label, 'label', file) : '', line: item.line };
}

/** How each key (except kind, data and series) is read into the spec. */
export const readers: Record<string, Reader> = {
  title: (s, e, f) => void (s.title = text(e.value, e.key, f)),
  caption: (s, e, f) => void (s.caption = text(e.value, e.key, f)),
  unit: (s, e, f) => void (s.unit = text(e.value, e.key, f)),
  xUnit: (s, e, f) => void (s.xUnit = text(e.value, e.key, f)),
  format: (s, e, f) => void (s.format = text(e.value, e.key, f)),
  xFormat: (s, e, f) => void (s.xFormat = text(e.value, e.key, f)),
  x: (s, e, f) => void (s.x = field(e.value, e.key, f)),
  date: (s, e, f) => void (s.date = field(e.value, e.key, f)),
  label: (s, e, f) => void (s.label = field(e.value, e.key, f)),
  group: (s, e, f) => void (s.group = field(e.value, e.key, f)),
  y: (s, e, f) => void (s.y = fields(e.value, e.key, f)),
  // A dumbbell's two ends are its two series, so names, colours and the table treat them like y fields.
  from: (s, e, f) => void (s.y[0] = field(e.value, e.key, f)),
  to: (s, e, f) => void (s.y[1] = field(e.value, e.key, f)),
  highlight: (s, e, f) => void (s.highlight = names(e.value, e.key, f)),
  estimate: (s, e, f) => void (s.estimate = names(e.value, e.key, f)),
  today: (s, e, f) => void (s.today = day(e.value, e.key, f)),
  status: (s, e, f) => void (s.status = field(e.value, e.key, f)),
  source: (s, e, f) => void (s.sources = fields(e.value, e.key, f)),
  fragments: (s, e, f) => void (s.fragments = flag(e.value, e.key, f)),
  sort: (s, e, f) => void (s.sort = flag(e.value, e.key, f)),
  values: (s, e, f) => void (s.values = flag(e.value, e.key, f)),
  height: (s, e, f) => {
    const h = number(e.value, e.key, f);
    if (h < 240 || h > 2000) fail(f, e.value, `"height" must be between 240 and 2000 (the width is 1600), not ${h}.`);
    s.height = h;
  },
  xType: (s, e, f) => void (s.xType = choice(e.value, e.key, f, ['time', 'number'] as const)),
  xScale: (s, e, f) => void (s.xScale = choice(e.value, e.key, f, ['linear', 'log'] as const)),
  yScale: (s, e, f) => void (s.yScale = choice(e.value, e.key, f, ['linear', 'log'] as const)),
  xDomain: (s, e, f) => void (s.xDomain = domain(e.value, e.key, f)),
  yDomain: (s, e, f) => void (s.yDomain = domain(e.value, e.key, f)),
  annotate: (s, e, f) => void (s.annotate = itemList(e, f, e.key).map((i) => annotation(i, f))),
  rules: (s, e, f) => void (s.rules = itemList(e, f, e.key).map((i) => rule(i, f))),
  regions: (s, e, f) => void (s.regions = itemList(e, f, e.key).map((i) => region(i, f))),
};
