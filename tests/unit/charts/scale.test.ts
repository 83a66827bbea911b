import { describe, expect, it } from 'vitest';
import { renderChartFence } from '../../../src/compile/chart-fence.ts';
import type { ChartContext } from '../../../src/compile/chart-context.ts';

const ROWS = 125_000;
const csv = `x,y,name\n${Array.from({ length: ROWS }, (_, i) => `${i},${(i * 7919) % 1000},p${i}`).join('\n')}\n`;
const context = (): ChartContext => ({
  file: 'slides/big.md', line: 3, idPrefix: 'big',
  readData: () => ({ path: 'slides/big.csv', text: csv }),
  cite: (key) => key,
});

// Math.min(...values) and el(...children) spread every row into call arguments, which overflowed the stack.
describe('charts with 125k rows', () => {
  it.each(['line', 'scatter'])('a %s chart renders every row, without a stack overflow', (kind) => {
    const started = performance.now();
    const html = renderChartFence(`kind: ${kind}\ntitle: Big\ndata: big.csv\nx: x\ny: y\n${kind === 'scatter' ? 'label: name\n' : ''}`, context());
    console.log(`${kind}, ${ROWS} rows: ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(html.match(/<tr>/g)).toHaveLength(ROWS + 1);
  }, 300_000);
});
