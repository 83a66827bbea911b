import { cellText, clip, clipList } from './values.ts';
import { ChartError } from './types.ts';
import type { Cell, ChartSpec, NameList, Row } from './types.ts';

/**
 * How one mark is painted: `hl` (the accent), `ctx` (context grey), `lit` (highlighted but kept in its
 * series colour, where several series share a highlighted category) or none, plus an entity colour.
 */
export interface Paint {
  cls: '' | 'hl' | 'ctx' | 'lit';
  /** `--series:#hex` from front matter `colors:`, for an inline style; undefined when none applies. */
  style: string | undefined;
}

/** The class list of a mark with its paint, for `el` attributes. */
export function paintAttrs(base: string, p: Paint): { class: string | undefined; style: string | undefined } {
  return { class: [base, p.cls].filter(Boolean).join(' ') || undefined, style: p.style };
}

/**
 * Paints marks by the names they carry (series name, category, point label, x value): with `highlight:`,
 * a mark named there takes the accent (or its entity colour) and every other mark goes grey; without it,
 * a mark whose name has a front matter colour takes that colour. `known` lists every name the chart has,
 * so a highlight that names nothing on the chart is a located error instead of a silently grey chart.
 */
export function painter(spec: ChartSpec, known: readonly string[]): (...names: string[]) => Paint {
  const wanted = spec.highlight ? new Set(matchNames(spec.highlight, known, spec, 'highlight')) : undefined;
  return (...names) => {
    const colour = names.map((n) => spec.colors.get(n)).find((c) => c !== undefined);
    const style = colour ? `--series:${colour}` : undefined;
    if (!wanted) return { cls: '', style };
    return names.some((n) => wanted.has(n)) ? { cls: 'hl', style } : { cls: 'ctx', style: undefined };
  };
}

/** Whether the chart highlights anything: series labels then follow their marks into grey. */
export function highlighting(spec: ChartSpec): boolean {
  return spec.highlight !== undefined;
}

/** Checks that every name in `list` is one of `known` (exactly as written); returns them. */
export function matchNames(list: NameList, known: readonly string[], spec: ChartSpec, key: string): string[] {
  for (const name of list.names) {
    if (known.includes(name)) continue;
    const near = known.find((k) => k.toLowerCase() === name.toLowerCase());
    throw new ChartError(
      { file: spec.where.file, line: list.line },
      `"${key}" names "${clip(name)}", which is not a series, category or label of this chart.`,
      near ? `Did you mean "${near}"? Names match as written.` : `Names on this chart: ${clipList([...new Set(known)])}.`,
    );
  }
  return list.names;
}

const NO = new Set(['', '0', 'false', 'no', 'n', 'none', '-']);

/** Whether an `estimate` cell marks its row: any value but empty, 0, false or no. */
export function truthy(cell: Cell): boolean {
  return !NO.has(cellText(cell).toLowerCase());
}

/**
 * Which rows are estimates: a data column named `estimate` (truthy values), or the rows whose
 * names (category, x, label or date as written) are listed under `estimate:`.
 */
export function estimateRows(spec: ChartSpec, rows: readonly Row[], namesOf: (row: Row, i: number) => string[], columns: readonly string[]): boolean[] {
  const listed = spec.estimate
    ? new Set(
        matchNames(
          spec.estimate,
          rows.flatMap((r, i) => namesOf(r, i)),
          spec,
          'estimate',
        ),
      )
    : undefined;
  const column = columns.includes('estimate');
  return rows.map((r, i) => (column && truthy(r.cells.get('estimate') ?? null)) || (listed !== undefined && namesOf(r, i).some((n) => listed.has(n))));
}

/** A value for the data table, with "(est.)" when its row is an estimate. */
export function estText(value: string, est: boolean | undefined): string {
  return est && value !== '' ? `${value} (est.)` : value;
}
