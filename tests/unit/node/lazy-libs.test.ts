import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** Compiles `markdown` in a fresh Node process from lib/ and lists which heavy renderers got loaded. */
function loadedFor(markdown: string): string[] {
  const tmp = tempDir();
  const dir = tmp.path;
  mkdirSync(join(dir, 'deck'));
  writeFileSync(join(dir, 'deck', 'deck.md'), markdown);
  const script = `
    import { createRequire } from 'node:module';
    const { compileInput } = await import(${JSON.stringify(join(ROOT, 'lib/node/compile.js'))});
    const deck = compileInput(${JSON.stringify(join(dir, 'deck'))}, (p) => p);
    if (deck.issues.some((i) => i.severity === 'error')) throw new Error(JSON.stringify(deck.issues));
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(['highlight.js', 'katex', 'beautiful-mermaid'].filter((m) => cache.some((k) => k.includes('/node_modules/' + m + '/')))));`;
  try {
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
  } finally {
    tmp.remove();
  }
}

describe('heavy renderers load only for decks that use them', () => {
  it('a deck of plain slides loads none of them', () => {
    expect(loadedFor('# Plain\n\nJust text, and `inline code`.\n\n---\n\n## Two\n\n- a list\n')).toEqual([]);
  });

  it('each kind of block loads its renderer, and only that one', () => {
    expect(loadedFor('# Code\n\n```ts\nconst x = 1;\n```\n')).toEqual(['highlight.js']);
    expect(loadedFor('# Maths\n\n$$\nE = mc^2\n$$\n')).toEqual(['katex']);
    expect(loadedFor('# Diagram\n\n```mermaid\ngraph LR\n  A --> B\n```\n')).toEqual(['beautiful-mermaid']);
  });
});
