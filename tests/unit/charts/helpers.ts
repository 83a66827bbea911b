import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ChartContext } from '../../../src/compile/chart-context.ts';
import { DeckError } from '../../../src/compile/errors.ts';
import { renderChartFence } from '../../../src/compile/chart-fence.ts';

/** Folder of the chart fixtures: `<case>.yaml` (a fence body) and `<case>.html` (expected output). */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/charts/', import.meta.url));

/** Names of every fixture case, sorted. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A ChartContext over the fixture folder; the fence opens on line 10 of `slides/<name>.md`. */
export function fixtureContext(name: string, extra: Partial<ChartContext> = {}): ChartContext & { cited: [string, number][] } {
  const cited: [string, number][] = [];
  return {
    file: `slides/${name}.md`,
    line: 10,
    idPrefix: `chart-${name}`,
    readData: (rel) => {
      const path = FIXTURES + rel;
      return existsSync(path) ? { path: `slides/${rel}`, text: readFileSync(path, 'utf8') } : null;
    },
    cite: (key, line) => {
      if (key === 'no-such-source') throw new DeckError({ file: `slides/${name}.md`, line, code: 'unknown-source', message: `Unknown source "${key}".` });
      cited.push([key, line]);
      return `Label of ${key}`;
    },
    cited,
    ...extra,
  };
}

/** Renders a fence body as the fixture context would. */
export function render(source: string, name = 'inline', extra: Partial<ChartContext> = {}): string {
  return renderChartFence(source, fixtureContext(name, extra));
}

/** Renders fixture `<name>.yaml`. */
export function renderFixture(name: string): string {
  return render(readFileSync(`${FIXTURES}${name}.yaml`, 'utf8'), name);
}

/** Compares with `<name>.html`, or rewrites it when UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const path = `${FIXTURES}${name}.html`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, `${actual}\n`);
  expect(actual).toBe(readFileSync(path, 'utf8').replace(/\n$/, ''));
}

/** The DeckError a fence body throws, as a plain issue. */
export function issueOf(source: string, extra: Partial<ChartContext> = {}) {
  try {
    render(source, 'inline', extra);
  } catch (e) {
    if (e instanceof DeckError) return e.issue;
    throw e;
  }
  throw new Error('expected a DeckError');
}
