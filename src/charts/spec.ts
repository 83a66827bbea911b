import { isFormat, isTimeFormat } from './values.ts';
import { itemList, readers } from './spec-items.ts';
import { CHART_KINDS, ChartError } from './types.ts';
import type { ChartKind, ChartSpec, LEntry, LMap, Where } from './types.ts';

/** Finds a likely intended word for a typo (the compile layer passes `closest`). */
export type Suggest = (word: string, known: readonly string[]) => string | undefined;

const XY = ['x', 'y', 'series', 'format', 'unit'];
const COMMON = ['kind', 'title', 'data', 'source', 'caption', 'height', 'fragments', 'highlight', 'rules', 'estimate'];
/** Keys each kind accepts. */
export const KIND_KEYS: Record<ChartKind, readonly string[]> = {
  line: [...COMMON, ...XY, 'annotate', 'xFormat', 'xType', 'xUnit', 'yDomain', 'yScale'],
  column: [...COMMON, ...XY, 'annotate', 'values', 'yDomain'],
  bar: [...COMMON, ...XY, 'values', 'sort', 'yDomain'],
  stacked: [...COMMON, ...XY, 'annotate', 'values', 'yDomain'],
  scatter: [...COMMON, ...XY.filter((k) => k !== 'series'), 'label', 'annotate', 'regions', 'xFormat', 'xUnit', 'xScale', 'yScale', 'xDomain', 'yDomain'],
  timeline: [...COMMON, 'date', 'label', 'group', 'xFormat', 'today', 'status'],
  dumbbell: [...COMMON, 'x', 'from', 'to', 'series', 'format', 'unit', 'values', 'sort', 'yDomain'],
};
const ALL_KEYS = [...new Set(Object.values(KIND_KEYS).flat())];
const REQUIRED: Record<ChartKind, readonly string[]> = {
  line: ['x', 'y'],
  column: ['x', 'y'],
  bar: ['x', 'y'],
  stacked: ['x', 'y'],
  scatter: ['x', 'y'],
  timeline: ['date', 'label'],
  dumbbell: ['x', 'from', 'to'],
};

const DEFAULTABLE = ['x', 'y', 'date', 'label'];

/** Validates the fence's top-level mapping; returns the spec and the `data` entry to load. */
export function readSpec(map: LMap, where: Where, suggest: Suggest): { spec: ChartSpec; data: LEntry; applySeriesNames: () => void } {
  const at = (line: number): Where => ({ file: where.file, line });
  const kind = readKind(map, where, suggest);
  const spec: ChartSpec = {
    kind,
    title: '',
    where,
    x: undefined,
    y: [],
    names: [],
    date: undefined,
    label: undefined,
    group: undefined,
    format: undefined,
    xFormat: undefined,
    unit: undefined,
    xUnit: undefined,
    xType: undefined,
    xScale: 'linear',
    yScale: 'linear',
    xDomain: undefined,
    yDomain: undefined,
    annotate: [],
    rules: [],
    regions: [],
    sort: false,
    values: undefined,
    fragments: false,
    height: undefined,
    caption: undefined,
    sources: [],
    highlight: undefined,
    estimate: undefined,
    today: undefined,
    status: undefined,
    colors: new Map(),
  };
  const known = KIND_KEYS[kind];
  let seriesNames: LEntry | undefined;
  for (const entry of map.entries) {
    if (!known.includes(entry.key)) {
      if (ALL_KEYS.includes(entry.key)) {
        throw new ChartError(at(entry.keyLine), `The key "${entry.key}" does not apply to ${kind} charts.`, `Keys for ${kind}: ${known.join(', ')}.`);
      }
      const guess = suggest(entry.key, known);
      throw new ChartError(
        at(entry.keyLine),
        `Unknown chart key "${entry.key}".`,
        guess ? `Did you mean "${guess}"?` : `Keys for ${kind}: ${known.join(', ')}.`,
      );
    }
    if (entry.key === 'series') seriesNames = entry;
    else if (entry.key !== 'kind' && entry.key !== 'data') readers[entry.key]!(spec, entry, where.file);
  }
  // x/y and date/label may come from the data's columns (spec-defaults.ts, once the data is loaded).
  for (const key of ['title', 'data', ...REQUIRED[kind].filter((k) => !DEFAULTABLE.includes(k))]) {
    if (!map.entries.some((e) => e.key === key)) {
      throw new ChartError(where, `The ${kind} chart has no "${key}".`, missingHint(key, kind));
    }
  }
  if (spec.format !== undefined && !isFormat(spec.format)) {
    const line = map.entries.find((e) => e.key === 'format')!.value.line;
    throw new ChartError(at(line), `"${spec.format}" is not a d3-format string.`, 'Examples: ",.0f", "$.1f", ".0%", ".2s".');
  }
  if (spec.xFormat !== undefined && !isTimeFormat(spec.xFormat) && !isFormat(spec.xFormat)) {
    const line = map.entries.find((e) => e.key === 'xFormat')!.value.line;
    throw new ChartError(
      at(line),
      `"${spec.xFormat}" is neither a d3-format string (numbers) nor a d3-time-format string (dates).`,
      'Numbers: ",.0f", "d", ".0%"; dates: "%b %Y", "%Y", "%d %b".',
    );
  }
  if (kind === 'scatter' && spec.y.length !== 1) {
    throw new ChartError(at(spec.y[1]?.line ?? where.line), 'A scatter chart takes exactly one y field.', 'Write `y: field`.');
  }
  if (spec.y.length > 6) {
    throw new ChartError(at(spec.y[6]!.line), `The chart has ${spec.y.length} series; at most 6 stay readable.`, 'Split the data over two charts.');
  }
  spec.names = spec.y.map((f) => f.name);
  // Names are checked against y only after y is checked against the data: a typo in `y:` is reported at `y:`.
  const applySeriesNames = () => {
    if (seriesNames) applyNames(spec, seriesNames, suggest);
  };
  return { spec, data: map.entries.find((e) => e.key === 'data')!, applySeriesNames };
}

function readKind(map: LMap, where: Where, suggest: Suggest): ChartKind {
  const entry = map.entries.find((e) => e.key === 'kind');
  const kinds = CHART_KINDS.join(', ');
  if (!entry) throw new ChartError(where, 'The chart has no "kind".', `Add \`kind: line\` (one of ${kinds}).`);
  const value = entry.value.type === 'scalar' ? String(entry.value.value) : '';
  if ((CHART_KINDS as readonly string[]).includes(value)) return value as ChartKind;
  const guess = suggest(value, CHART_KINDS);
  throw new ChartError(
    { file: where.file, line: entry.value.line },
    `Unknown chart kind "${value}".`,
    `${guess ? `Did you mean "${guess}"? ` : ''}Kinds: ${kinds}.`,
  );
}

function applyNames(spec: ChartSpec, entry: LEntry, suggest: Suggest): void {
  spec.names = spec.y.map((f) => f.name);
  for (const item of itemList(entry, spec.where.file, 'series')) {
    for (const { key, keyLine, value } of item.type === 'map' ? item.entries : []) {
      const i = spec.y.findIndex((f) => f.name === key);
      if (i < 0) {
        const guess = suggest(key, spec.names);
        throw new ChartError(
          { file: spec.where.file, line: keyLine },
          `"series" names "${key}", which is not one of the y fields.`,
          guess ? `Did you mean "${guess}"?` : `y fields: ${spec.names.join(', ')}.`,
        );
      }
      spec.names[i] = value.type === 'scalar' && value.value !== null ? String(value.value) : key;
    }
  }
}

export function missingHint(key: string, kind: ChartKind): string {
  const examples: Record<string, string> = {
    title: 'Add `title: ...`: screen readers announce it and the data table uses it as caption.',
    data: 'Add `data: data/file.csv` (relative to the Markdown file) or an inline list of records.',
    x: 'Add `x: field` naming the column for the x axis.',
    y: 'Add `y: field` or `y: [field1, field2]`.',
    date: 'Add `date: field` naming the column with the event dates.',
    label: 'Add `label: field` naming the column with the event text.',
    from: 'Add `from: field` naming the column where each dumbbell starts (e.g. promised).',
    to: 'Add `to: field` naming the column where each dumbbell ends (e.g. shipped).',
  };
  return examples[key] ?? `See the keys for ${kind} charts.`;
}
