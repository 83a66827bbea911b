import { describe, expect, it } from 'vitest';
import { renderChartFence } from '../../../src/compile/chart-fence.ts';
import type { ChartContext } from '../../../src/compile/chart-context.ts';
import { MAX_POINTS } from '../../../src/charts/limits.ts';
import { DeckError } from '../../../src/compile/errors.ts';

// The most a chart draws (limits.ts); the spreads below overflowed near 125k, so this also keeps a margin.
const ROWS = MAX_POINTS;
const rows = (n: number) => `x,y,name\n${Array.from({ length: n }, (_, i) => `${i},${(i * 7919) % 1000},p${i}`).join('\n')}\n`;
const csv = rows(ROWS);
const context = (text = csv): ChartContext => ({
  file: 'slides/big.md',
  line: 3,
  idPrefix: 'big',
  readData: () => ({ path: 'slides/big.csv', text }),
  cite: (key) => key,
});

// Math.min(...values) and el(...children) spread every row into call arguments, which overflowed the stack.
describe(`charts with ${ROWS} rows`, () => {
  it.each(['line', 'scatter'])(
    'a %s chart renders every row, without a stack overflow',
    (kind) => {
      const started = performance.now();
      const html = renderChartFence(`kind: ${kind}\ntitle: Big\ndata: big.csv\nx: x\ny: y\n${kind === 'scatter' ? 'label: name\n' : ''}`, context());
      console.log(`${kind}, ${ROWS} rows: ${((performance.now() - started) / 1000).toFixed(2)} s`);
      expect(html.match(/<tr>/g)).toHaveLength(ROWS + 1);
    },
    300_000,
  );
});

describe('charts beyond the limit', () => {
  it('125k rows are refused at the data line instead of drawn', () => {
    const started = performance.now();
    let error: unknown;
    try {
      renderChartFence('kind: line\ntitle: Big\ndata: big.csv\nx: x\ny: y\n', context(rows(125_000)));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).issue).toMatchObject({ file: 'slides/big.md', line: 6, code: 'chart-too-large' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
