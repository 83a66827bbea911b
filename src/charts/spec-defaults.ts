import { ChartError } from './types.ts';
import type { ChartSpec, Dataset, Field } from './types.ts';

/**
 * Fields a chart may leave out because the data says them: a timeline's `date` and `label` columns, and
 * `x` and `y` as the first and second column of a dataset with exactly two. An explicit key always wins.
 * Called once the data is loaded; a field still missing is the same error as before.
 */
export function applyFieldDefaults(spec: ChartSpec, data: Dataset, hints: Record<string, string>): void {
  const at = (name: string): Field => ({ name, line: spec.where.line });
  if (spec.kind === 'timeline') {
    if (!spec.date && data.columns.includes('date')) spec.date = at('date');
    if (!spec.label && data.columns.includes('label')) spec.label = at('label');
  } else if (data.columns.length === 2) {
    if (!spec.x) spec.x = at(data.columns[0]!);
    if (spec.y.length === 0) {
      spec.y = [at(data.columns[1]!)];
      spec.names = [data.columns[1]!];
    }
  }
  const missing =
    spec.kind === 'timeline'
      ? (['date', 'label'] as const).filter((k) => !spec[k])
      : (['x', 'y'] as const).filter((k) => (k === 'x' ? !spec.x : spec.y.length === 0));
  if (missing[0]) throw new ChartError(spec.where, `The ${spec.kind} chart has no "${missing[0]}".`, hints[missing[0]] ?? '');
}
