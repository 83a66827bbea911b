import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// `import … from '…'`, `import type …`, `export … from '…'`: the clause between holds only names, braces and `*`,
// so a regex cannot run on past a statement's end. Side-effect imports (`import './x.css'`) and `import('…')`
// with a literal count too: each is an edge of the module graph.
const STATIC = /^\s*(?:import|export)\s+(?:type\s+)?[\w*\s{},$]*?\s*from\s*['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a TypeScript or JavaScript source imports or re-exports, in order of appearance. */
export function importsOf(source: string): string[] {
  const found: { at: number; spec: string }[] = [];
  for (const re of [STATIC, BARE, DYNAMIC]) for (const m of source.matchAll(re)) found.push({ at: m.index, spec: m[1]! });
  return found.sort((a, b) => a.at - b.at).map((f) => f.spec);
}

/**
 * Every file reachable from `entries` through relative imports (a `?raw`-like query dropped), with the
 * files each one imports. Packages (bare specifiers) are left out: the lockfile stands for them.
 */
export function moduleGraph(entries: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = entries.map((e) => resolve(e));
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (graph.has(file)) continue;
    const code = /\.[cm]?[jt]sx?$/.test(file) ? readFileSync(file, 'utf8') : '';
    const deps = importsOf(code)
      .filter((s) => s.startsWith('./') || s.startsWith('../'))
      .map((s) => resolve(dirname(file), s.replace(/[?#].*$/, '')))
      .filter((f) => existsSync(f));
    graph.set(file, deps);
    todo.push(...deps);
  }
  return graph;
}

/** The import circles of a graph: each strongly connected group of two or more files (or one that imports itself), sorted. */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so that a deep graph cannot overflow the stack.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const deps = graph.get(top.node) ?? [];
      if (top.i < deps.length) {
        const dep = deps[top.i++]!;
        if (!index.has(dep)) {
          index.set(dep, next);
          low.set(dep, next++);
          stack.push(dep);
          onStack.add(dep);
          work.push({ node: dep, i: 0 });
        } else if (onStack.has(dep)) low.set(top.node, Math.min(low.get(top.node)!, index.get(dep)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) !== index.get(top.node)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== top.node);
      if (group.length > 1 || deps.includes(top.node)) circles.push(group.sort());
    }
  }
  return circles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
