import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCircles, importsOf, moduleGraph } from '../../../src/node/module-graph.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const rel = (f: string) => relative(root, f).split('\\').join('/');
const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && d.name.endsWith('.ts'))
  .map((d) => join(d.parentPath, d.name));

describe('the import graph of src/', () => {
  const graph = moduleGraph(sources);

  it('has no circles (type-only and lazy imports count)', () => {
    expect(importCircles(graph).map((c) => c.map(rel))).toEqual([]);
  });

  // Export is one kind of browser-driving command: the shared plumbing lives in browser/, the commands in commands/.
  it('has no import from check/ or cli.ts into export/', () => {
    const into = [...graph].flatMap(([file, deps]) => {
      const from = rel(file);
      if (!from.startsWith('src/check/') && from !== 'src/cli.ts') return [];
      return deps
        .map(rel)
        .filter((d) => d.startsWith('src/export/'))
        .map((d) => `${from} -> ${d}`);
    });
    expect(into).toEqual([]);
  });
});

describe('the import graph walk', () => {
  it('reads every form of import, and only imports', () => {
    const code = [
      "import { a, type B } from './a.ts';",
      "import type {\n  C,\n  D,\n} from '../c.ts';",
      "export { e } from './e.ts';",
      "export * from './f.ts';",
      "import './style.css';",
      "const g = await import('./g.ts');",
      "export function h() { return 'from \\'./not-an-import.ts\\''; }",
      "import pkg from 'yaml';",
    ].join('\n');
    expect(importsOf(code)).toEqual(['./a.ts', '../c.ts', './e.ts', './f.ts', './style.css', './g.ts', 'yaml']);
  });

  it('finds a circle of three and a file that imports itself, and nothing in a tree', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ]);
    expect(importCircles(g)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      importCircles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});
