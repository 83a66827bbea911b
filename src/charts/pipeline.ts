import { checkColumns } from './columns.ts';
import { applyFieldDefaults } from './spec-defaults.ts';
import { jsonRecords, parseCsv, rowsFromList } from './data.ts';
import { renderChart } from './index.ts';
import { checkDataSize, checkPoints } from './limits.ts';
import { missingHint, readSpec, type Suggest } from './spec.ts';
import { ChartError } from './types.ts';
import type { Dataset, LEntry, Where } from './types.ts';
import { parseJson, parseYaml, type YamlReader } from './yaml.ts';

/** What a chart needs from the deck around it; the compiler gives it (compile/chart-fence.ts). */
export interface ChartHost {
  /** Markdown file that holds the fence, as shown in errors. */
  file: string;
  /** 1-based line of the opening ```chart fence in `file`; the YAML body starts on line + 1. */
  line: number;
  /**
   * Reads a data file named relative to the Markdown file, named at `line` (for a located error when it
   * cannot be read). Returns null when it does not exist; `path` is what to show in messages.
   */
  readData(relPath: string, line: number): { path: string; text: string } | null;
  /** Registers a citation of a sources.yaml key made at `line` and returns its short label, as plain text. */
  cite(key: string, line: number): string;
  /** A prefix unique within the deck, for SVG ids (gradients, clip paths, aria). */
  idPrefix: string;
  /** Front matter `colors:` (entity name to #rrggbb); none when absent. */
  colors?: Readonly<Record<string, string>>;
  /** Suggests the intended word for a typo ("did you mean"). */
  closest: Suggest;
  /** Reads YAML and JSON (compile/yaml-tree.ts). */
  yaml: YamlReader;
}

/**
 * The whole chart pipeline, in order: YAML -> spec -> data -> defaults -> checks -> SVG figure. The one entry
 * point into charts/: a new kind needs a renderer (index.ts), its keys (spec.ts) and its PowerPoint entry
 * (export/pptx/chart.ts), not a change here. Throws ChartError located at the offending key or data row.
 */
export function chartFromYaml(source: string, host: ChartHost): string {
  const { closest } = host;
  const root = parseYaml(source, host.file, host.line, 'The chart is not valid YAML', host.yaml);
  const fence: Where = { file: host.file, line: host.line };
  if (root === null) throw new ChartError(fence, 'The chart block is empty.', 'Start with `kind: line`, `title: ...` and `data: ...`.');
  if (root.type !== 'map') {
    throw new ChartError({ file: host.file, line: root.line }, 'The chart block must be YAML keys such as `kind: line`.', 'Write one `key: value` per line.');
  }
  const { spec, data, applySeriesNames } = readSpec(root, fence, closest);
  spec.colors = new Map(Object.entries(host.colors ?? {}));
  const dataset = loadData(data, host);
  checkPoints(dataset.rows.length, spec.y.length, { file: host.file, line: data.keyLine }, dataset.origin.replace(/^the /, 'The '));
  applyFieldDefaults(spec, dataset, {
    x: missingHint('x', spec.kind),
    y: missingHint('y', spec.kind),
    date: missingHint('date', spec.kind),
    label: missingHint('label', spec.kind),
  });
  checkColumns(spec, dataset, { file: host.file, line: data.keyLine }, closest);
  applySeriesNames();
  const sources = spec.sources.map((f) => host.cite(f.name, f.line));
  return renderChart(spec, dataset, { idPrefix: host.idPrefix, sources });
}

function loadData(entry: LEntry, ctx: ChartHost): Dataset {
  const node = entry.value;
  const at: Where = { file: ctx.file, line: node.line };
  if (node.type === 'list') return rowsFromList(node, ctx.file, 'the inline data');
  const path = node.type === 'scalar' && typeof node.value === 'string' ? node.value.trim() : '';
  const ext = /\.(csv|json)$/i.exec(path)?.[1]?.toLowerCase();
  if (!ext) {
    throw new ChartError(
      at,
      '"data" must be a .csv or .json path or a list of records.',
      'Write `data: data/values.csv`, or list records under `data:` as `- { x: 1, y: 2 }`.',
    );
  }
  const file = ctx.readData(path, node.line);
  if (!file)
    throw new ChartError(
      at,
      `The data file "${path}" does not exist.`,
      'Paths are relative to the Markdown file; check the folder and spelling.',
      'data-not-found',
    );
  checkDataSize(file.text, file.path, { file: ctx.file, line: entry.keyLine }, ext as 'csv' | 'json');
  if (ext === 'csv') return parseCsv(file.text, file.path);
  const root = parseJson(file.text, file.path, ctx.yaml);
  return rowsFromList(jsonRecords(root, file.path), file.path, `the data in ${file.path}`);
}
