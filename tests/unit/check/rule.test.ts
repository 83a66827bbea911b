import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRule } from '../../../src/check/types.ts';

const compile = new URL('../../../src/compile/', import.meta.url);
// Every issue code the compiler's source files (sources.ts, sources-file.ts) can give.
const sourceCodes = readdirSync(compile)
  .filter((f) => /^sources.*\.ts$/.test(f))
  .flatMap((f) => [...readFileSync(new URL(f, compile), 'utf8').matchAll(/code: '([a-z-]+)'/g)].map((m) => m[1]!));

describe('check: the rule of a compiler issue', () => {
  it('is `source` for every code that sources.ts and sources-file.ts give (sources-both included)', () => {
    expect(sourceCodes).toContain('sources-both');
    for (const code of new Set(sourceCodes))
      expect([code, compileRule({ file: 'x.md', line: 1, severity: 'error', code, message: '' })]).toEqual([code, 'source']);
  });

  it('is `compile` for other codes (a chart, an image)', () => {
    expect(compileRule({ file: 'x.md', line: 1, severity: 'error', code: 'chart-yaml', message: '' })).toBe('compile');
    expect(compileRule({ file: 'x.md', line: 1, severity: 'warning', code: 'image-missing', message: '' })).toBe('compile');
  });
});
