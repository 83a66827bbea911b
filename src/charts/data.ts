import { csvParseRows } from 'd3-dsv';
import { ChartError } from './types.ts';
import type { Cell, Dataset, LList, LNode, Row } from './types.ts';

/**
 * Parses a CSV data file into rows that remember their line. Leading lines starting
 * with `#` name the sources and are skipped; blank lines are ignored.
 */
export function parseCsv(text: string, file: string): Dataset {
  const all = text.replace(/^\uFEFF/, '').split('\n');
  let skip = 0;
  while (skip < all.length && /^\s*(#.*)?\r?$/.test(all[skip]!)) skip++;
  const records = csvParseRows(all.slice(skip).join('\n'));
  const header = (records[0] ?? []).map((h) => h.trim());
  if (header.length === 0 || header.every((h) => h === '')) {
    throw new ChartError({ file, line: 0 }, `${file} has no header line naming its columns.`, 'Start the CSV with a line such as `date,value`.');
  }
  const rows: Row[] = [];
  // A quoted cell may span lines, so count the newlines inside each record to keep lines right.
  let line = skip + 1 + newlines(records[0]!);
  for (const record of records.slice(1)) {
    line += 1;
    const here = line;
    line += newlines(record);
    if (record.length === 1 && record[0]!.trim() === '') continue;
    if (record.length > header.length) {
      throw new ChartError(
        { file, line: here },
        `Line ${here} has ${record.length} cells but the header names ${header.length} columns.`,
        'Quote cells that contain commas, and write numbers without thousands separators (1234.5).',
      );
    }
    const cells = new Map<string, Cell>(header.map((h, i) => [h, record[i]?.trim() ?? null]));
    rows.push({ index: rows.length + 1, where: { file, line: here }, cells, cellLines: new Map() });
  }
  return { rows, columns: header, origin: `the data in ${file}` };
}

function newlines(record: readonly string[]): number {
  return record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
}

/**
 * Turns a list of records (inline YAML, or a JSON file read into LNodes) into rows.
 * `origin` names the data in messages ("the inline data", "the data in slides/x.json").
 */
export function rowsFromList(list: LList, file: string, origin: string): Dataset {
  const columns: string[] = [];
  const rows = list.items.map((item, i): Row => {
    if (item.type !== 'map') {
      throw new ChartError({ file, line: item.line }, `Row ${i + 1} of ${origin} is not a record.`, 'Write each row as `{ field: value, ... }`.');
    }
    const cells = new Map<string, Cell>();
    const cellLines = new Map<string, number>();
    for (const { key, keyLine, value } of item.entries) {
      if (!columns.includes(key)) columns.push(key);
      cells.set(key, scalar(value, key, i + 1, file));
      cellLines.set(key, keyLine);
    }
    return { index: i + 1, where: { file, line: item.line }, cells, cellLines };
  });
  return { rows, columns, origin };
}

function scalar(node: LNode, key: string, index: number, file: string): Cell {
  if (node.type === 'scalar') return node.value;
  throw new ChartError(
    { file, line: node.line },
    `Row ${index} has a ${node.type === 'map' ? 'record' : 'list'} in ${key}, where a single value belongs.`,
    'Each field holds one number, date or text.',
  );
}

/** The records of a JSON data file: an array, or an object with a `data` array. */
export function jsonRecords(root: LNode, file: string): LList {
  if (root.type === 'list') return root;
  const data = root.type === 'map' ? root.entries.find((e) => e.key === 'data') : undefined;
  if (data?.value.type === 'list') return data.value;
  throw new ChartError(
    { file, line: data?.keyLine ?? root.line },
    `${file} holds neither an array of records nor an object with a "data" array.`,
    'Write `[{"x": 1, "y": 2}, ...]` or `{"source": "...", "data": [...]}`.',
  );
}
