import { describe, expect, it } from 'vitest';
import { CHART_KINDS } from '../../../src/charts/types.ts';
import { PPTX_KINDS } from '../../../src/export/pptx/chart.ts';

describe('PowerPoint: one table entry per chart kind', () => {
  it('says for every kind which native chart it becomes, or that it is drawn as shapes', () => {
    expect(Object.keys(PPTX_KINDS).sort()).toEqual([...CHART_KINDS].sort());
    const natives = Object.fromEntries(CHART_KINDS.map((k) => [k, PPTX_KINDS[k].native]));
    expect(natives).toEqual({
      line: { type: 'line' },
      column: { type: 'bar', dir: 'col', grouping: 'clustered' },
      bar: { type: 'bar', dir: 'bar', grouping: 'clustered' },
      stacked: { type: 'bar', dir: 'col', grouping: 'stacked' },
      scatter: { type: 'scatter' },
      timeline: false,
      dumbbell: false,
    });
  });

  it('makes a kind left out of the table a type error (tsc runs before every test run)', () => {
    const { dumbbell: _, ...withoutOne } = PPTX_KINDS;
    // @ts-expect-error: a Record<ChartKind, …> must name every kind; adding one to CHART_KINDS fails here and in chart-fit.ts's PLACERS.
    const table: typeof PPTX_KINDS = withoutOne;
    expect(Object.keys(table)).not.toContain('dumbbell');
  });
});
