import { chartFromYaml } from '../charts/pipeline.ts';
import { ChartError } from '../charts/types.ts';
import type { ChartContext } from './chart-context.ts';
import { DeckError, closest } from './errors.ts';
import { readAt } from './read-problem.ts';
import { chartYaml } from './yaml-tree.ts';

/**
 * Renders the YAML body of a ```chart fence as a <figure> with an accessible SVG, a hidden data table,
 * caption and source line (charts/pipeline.ts); its errors become DeckErrors located at the offending key
 * or data row, and a data file that cannot be read an error at its `data:` line.
 */
export function renderChartFence(source: string, ctx: ChartContext): string {
  try {
    return chartFromYaml(source, { ...ctx, closest, yaml: chartYaml, readData: (path, line) => readAt(ctx.file, line, () => ctx.readData(path)) });
  } catch (e) {
    if (!(e instanceof ChartError)) throw e;
    throw new DeckError({ file: e.where.file, line: e.where.line, code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
  }
}
