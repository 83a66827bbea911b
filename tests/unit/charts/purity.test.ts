import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const files = [...readdirSync(new URL('src/charts/', root)).map((f) => `src/charts/${f}`), 'src/compile/chart-fence.ts'];

describe('chart code stays pure', () => {
  for (const file of files) {
    const source = readFileSync(new URL(file, root), 'utf8');

    it(`${file} imports only d3, yaml (yaml.ts) and local files`, () => {
      const imports = [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      for (const spec of imports) {
        const ok =
          spec.startsWith('./') ||
          spec.startsWith('../charts/') ||
          /^d3-(array|dsv|format|scale|shape|time|time-format)$/.test(spec) ||
          (file.endsWith('charts/yaml.ts') && spec === 'yaml') ||
          (file.endsWith('chart-fence.ts') && ['./chart-context.ts', './errors.ts', './read-problem.ts'].includes(spec));
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    });

    it(`${file} touches no file system, DOM, Vite or Playwright`, () => {
      const code = source.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(code).not.toMatch(
        /['"]node:|['"](fs|vite|playwright-core)['"]|\brequire\(|\bimport\(|\bdocument\.|\bwindow\.|\bprocess\.|Math\.random|Date\.now|new Date\(\)/,
      );
    });

    it(`${file} stays under 300 lines`, () => {
      expect(source.split('\n').length).toBeLessThan(300);
    });
  }
});
