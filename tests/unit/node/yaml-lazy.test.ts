import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** Compiles a deck in a fresh Node process from lib/: its issues, and whether the `yaml` package got loaded. */
function compileFresh(files: Record<string, string>): { issues: { line: number; code: string; message: string }[]; yaml: boolean } {
  const tmp = tempDir();
  try {
    mkdirSync(join(tmp.path, 'deck', 'data'), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp.path, 'deck', name), text);
    const script = `
      import { createRequire } from 'node:module';
      const { compileInput } = await import(${JSON.stringify(join(ROOT, 'lib/node/compile.js'))});
      const deck = compileInput(${JSON.stringify(join(tmp.path, 'deck'))}, (p) => p);
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ issues: deck.issues.map(({ line, code, message }) => ({ line, code, message })), yaml: cache.some((k) => k.includes('/node_modules/yaml/')) }));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  } finally {
    tmp.remove();
  }
}

const chart = (body: string) => `\`\`\`chart\nkind: column\ntitle: T\n${body}\nx: q\ny: v\nsource: a\n\`\`\``;
const deck = (body: string) => `---\ntitle: Talk\ncolors:\n  Revenue: "#336699"\n---\n\n# One [@a]\n\n${chart(body)}\n`;
const sources = 'a:\n  title: A report\n  publisher: P\n  date: 2025-08-14\n';

describe('the yaml package loads only for YAML that js-yaml does not cover', () => {
  it('front matter, sources.yaml, a chart and its JSON data compile without loading it', () => {
    const r = compileFresh({ 'deck.md': deck('data: data/q.json'), 'sources.yaml': sources, 'data/q.json': '[{"q": "Q1", "v": 1}, {"q": "Q2", "v": 2}]' });
    expect(r).toEqual({ issues: [], yaml: false });
  });

  it('a chart that is not valid YAML loads it, for its located error', () => {
    const r = compileFresh({ 'deck.md': deck('data:\n  - { q: Q1, v: 1\n  - { q: Q2, v: 2 }'), 'sources.yaml': sources });
    expect(r.yaml).toBe(true);
    // The yaml package's message and line, as before js-yaml read charts.
    expect(r.issues).toEqual([
      { line: 14, code: 'chart-yaml', message: 'The chart is not valid YAML: Flow map in block collection must be sufficiently indented and end with a }.' },
    ]);
  });
});
