import { cellText, clip, clipList, parseDate, parseNumber } from './values.ts';
import { ChartError } from './types.ts';
import type { Annotation, ChartSpec, Dataset, Row, Where } from './types.ts';
import type { DateValue } from './values.ts';
import type { Suggest } from './spec.ts';

/** Checks that the data has rows and every field the spec names, before anything is drawn. */
export function checkColumns(spec: ChartSpec, data: Dataset, dataWhere: Where, suggest: Suggest): void {
  if (data.rows.length === 0) {
    throw new ChartError(dataWhere, `${cap(data.origin)} has no rows.`, 'Add at least one record under the header.');
  }
  for (const [role, field] of [
    ['x', spec.x],
    ['date', spec.date],
    ['label', spec.label],
    ['group', spec.group],
    ...spec.y.map((f, i) => [spec.kind === 'dumbbell' ? (['from', 'to'] as const)[i]! : 'y', f] as const),
  ] as const) {
    if (!field || data.columns.includes(field.name)) continue;
    const guess = suggest(field.name, data.columns);
    throw new ChartError(
      { file: spec.where.file, line: field.line },
      `${cap(data.origin)} has no column "${field.name}" for ${role}.`,
      `${guess ? `Did you mean "${guess}"? ` : ''}Available columns: ${clipList(data.columns)}.`,
    );
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** How messages name a row: its position plus its x (or date) value. */
export function rowName(row: Row, spec: ChartSpec, except?: string): string {
  const key = spec.x?.name ?? spec.date?.name;
  const value = key && key !== except ? cellText(row.cells.get(key) ?? null) : '';
  return value ? `Row ${row.index} (${key} ${clip(value)})` : `Row ${row.index}`;
}

function whereOf(row: Row, name: string): Where {
  return { file: row.where.file, line: row.cellLines.get(name) ?? row.where.line };
}

/** The cell as a number, null when empty; throws naming the row and value otherwise. */
export function numberAt(row: Row, name: string, spec: ChartSpec): number | null {
  const cell = row.cells.get(name) ?? null;
  const n = parseNumber(cell);
  if (n !== undefined) return n;
  throw new ChartError(
    whereOf(row, name),
    `${rowName(row, spec, name)} has ${name} = "${clip(cellText(cell))}", which is not a number.`,
    'Write a plain number such as 1234.5 (no thousands separators or units), or leave it empty for a gap.',
  );
}

/** The cell as a date, null when empty; throws naming the row and value otherwise. */
export function dateAt(row: Row, name: string, spec: ChartSpec): DateValue | null {
  const cell = row.cells.get(name) ?? null;
  const d = parseDate(cell);
  if (d !== undefined) return d;
  throw new ChartError(
    whereOf(row, name),
    `${rowName(row, spec, name)} has ${name} = "${clip(cellText(cell))}", which is not a date.`,
    'Write dates as YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-01-27).',
  );
}

/** The cell as a category or label; an empty one is an error because it could not be named. */
export function textAt(row: Row, name: string, spec: ChartSpec): string {
  const value = cellText(row.cells.get(name) ?? null);
  if (value !== '') return value;
  throw new ChartError(whereOf(row, name), `${rowName(row, spec, name)} has no ${name}.`, `Fill in ${name}, or remove the row.`);
}

/** Throws when a category repeats, since bars for it would be drawn on top of each other. */
export function uniqueCategories(rows: readonly Row[], name: string, spec: ChartSpec): string[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const value = textAt(row, name, spec);
    if (seen.has(value)) {
      throw new ChartError(
        whereOf(row, name),
        `Row ${row.index} repeats ${name} "${clip(value)}".`,
        'Each category appears once; sum or rename the duplicates.',
      );
    }
    seen.add(value);
    return value;
  });
}

/** The category an annotation points at; its x must be one of them, written the same way. */
export function categoryOf(a: Annotation, cats: readonly string[], spec: ChartSpec): string {
  const x = cellText(a.x);
  if (cats.includes(x)) return x;
  throw new ChartError(
    { file: spec.where.file, line: a.line },
    `The annotation x "${clip(x)}" is not one of the ${spec.x!.name} values.`,
    `Use one of: ${clipList(cats)}.`,
  );
}
