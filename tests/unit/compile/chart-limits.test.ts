import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_POINTS } from '../../../src/charts/limits.ts';
import { compileText, errorsOf, runCli, tempDir } from '../helpers.ts';

// Issue 20 item 7: a 3 M-row CSV ended in a V8 heap abort after 68 s; now it is a located error, at once.
const tmp = tempDir('chokepoint-chart-limits-');
afterAll(() => tmp.remove());

const fence = (data: string, y = 'y') => `## T\n\ntext\n\n\`\`\`chart\nkind: line\ntitle: T\ndata: ${data}\nx: x\ny: ${y}\n\`\`\`\n`;
const csv = (rows: number, columns = 'x,y') =>
  `${columns}\n${Array.from({ length: rows }, (_, i) => `${i},${i % 97}${columns.split(',').length > 2 ? `,${i % 13}` : ''}`).join('\n')}\n`;

describe('chart data limits', () => {
  it(`draws ${MAX_POINTS.toLocaleString('en-US')} points, and refuses one more at the data line, saying to aggregate or sample`, () => {
    expect(errorsOf(compileText(fence('d.csv'), { 'd.csv': csv(MAX_POINTS) }))).toEqual([]);
    const over = errorsOf(compileText(fence('d.csv'), { 'd.csv': csv(MAX_POINTS + 1) }));
    expect(over).toMatchObject([
      {
        file: 'deck/talk.md',
        line: 8,
        code: 'chart-too-large',
        message: expect.stringContaining('has 20,001 rows; a chart draws at most 20,000 points'),
        hint: expect.stringMatching(/^aggregate or sample your data/),
      },
    ]);
  });

  it('counts points as rows × series', () => {
    const errors = errorsOf(compileText(fence('d.csv', '[y, z]'), { 'd.csv': csv(10_001, 'x,y,z') }));
    expect(errors).toMatchObject([{ line: 8, code: 'chart-too-large', message: expect.stringContaining('10,001 rows × 2 series = 20,002 points') }]);
  });

  it('refuses a JSON file with too many records', () => {
    const json = JSON.stringify(Array.from({ length: MAX_POINTS + 1 }, (_, i) => ({ x: i, y: i % 7 })));
    expect(errorsOf(compileText(fence('d.json'), { 'd.json': json }))).toMatchObject([{ line: 8, code: 'chart-too-large' }]);
  });

  it('a 36 MB, 2 M-row CSV is refused by `build` in seconds, without parsing it', async () => {
    const dir = join(tmp.path, 'huge');
    mkdirSync(dir);
    writeFileSync(join(dir, 'd.csv'), `x,y\n${'2024-01-01,123456.78\n'.repeat(2_000_000)}`);
    writeFileSync(join(dir, 'deck.md'), fence('d.csv'));
    const started = performance.now();
    const { code, output } = await runCli('build', dir, '--out', join(tmp.path, 'huge-out'));
    const seconds = (performance.now() - started) / 1000;
    expect(code).toBe(1);
    expect(output).toMatch(
      /huge\/deck\.md:8: .*d\.csv has more than 40,000 lines; a chart draws at most 20,000 points\.\n {2}hint: aggregate or sample your data/,
    );
    expect(seconds).toBeLessThan(5);
  }, 120_000);
});
