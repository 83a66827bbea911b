import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/compile/deck.ts';
import { SlideCache } from '../../../src/compile/slide-cache.ts';
import type { CompileHost } from '../../../src/compile/types.ts';

const SOURCES = 'a:\n  title: A\n  publisher: P\n  date: 2025-01-01\nb:\n  title: B\n  publisher: Q\n  date: 2025-02-01\n';
const CHART = '```chart\nkind: column\ntitle: T\ndata: d.csv\nx: k\ny: v\nsource: b\n```';

/** A host over mutable files that counts how often each is read. */
function countingHost(files: Record<string, string>) {
  const reads: Record<string, number> = {};
  const host: CompileHost = {
    readText: (p) => {
      reads[p] = (reads[p] ?? 0) + 1;
      return files[p] ?? null;
    },
    assetUrl: (p) => (p in files ? `assets/${p}` : null),
  };
  return { host, reads, files };
}
const compile = (text: string, host: CompileHost, cache?: SlideCache) => compileDeck([{ file: 'd/t.md', text }], host, cache);

describe('SlideCache', () => {
  it('gives the same deck as a fresh compile after each edit', () => {
    const { host, files } = countingHost({ 'd/sources.yaml': SOURCES, 'd/d.csv': 'k,v\nx,1\n', 'd/i.png': '' });
    const cache = new SlideCache();
    const edits = [
      `# One [@a]\n---\n# Two\n${CHART}\n---\n![i](i.png) [@a]\n---\n<!-- sources -->`,
      `# One\n---\n# Two\n${CHART}\n---\n![i](i.png) [@a]\n---\n<!-- sources -->`,
      `# One [@b]\n---\n# Two edited\n${CHART}\n---\n![i](i.png) [@a]\n---\n<!-- sources -->`,
    ];
    for (const text of edits) expect(compile(text, host, cache)).toEqual(compile(text, host));
    files['d/d.csv'] = 'k,v\nx,2\n';
    expect(compile(edits[2]!, host, cache).html).toContain('>2<');
    delete files['d/i.png'];
    expect(compile(edits[2]!, host, cache).issues.map((i) => i.message)).toContain('image or media file `i.png` not found (looked for d/i.png)');
  });

  it('does not compile unchanged slides again', () => {
    const { host } = countingHost({ 'd/sources.yaml': SOURCES, 'd/d.csv': 'k,v\nx,1\n' });
    const cache = new SlideCache();
    const deck = (n: number) => Array.from({ length: 50 }, (_, i) => (i === 25 ? `# Edited ${n}` : `# Slide ${i} [@a]`)).join('\n---\n');
    compile(deck(0), host, cache);
    const runs: string[] = [];
    const spy = new Proxy(cache, {
      get: (t, k) =>
        k === 'compile'
          ? (key: string, ...rest: unknown[]) => {
              const before = (t as unknown as { entries: Map<string, unknown> }).entries.has(key);
              if (!before) runs.push(key.split('\0').at(-1)!.trim());
              return (t.compile as (...a: unknown[]) => unknown).call(t, key, ...rest);
            }
          : Reflect.get(t, k),
    });
    compile(deck(1), host, spy);
    expect(runs).toEqual(['# Edited 1']);
  });
});

describe('SlideCache and line numbers', () => {
  it('keeps the slides below an edit that adds lines, with their lines moved', () => {
    const { host } = countingHost({ 'd/sources.yaml': SOURCES, 'd/d.csv': 'k,v\nx,1\n' });
    const cache = new SlideCache();
    const before = `# One\n---\n# Two [@a]\n${CHART}\n---\n# Three`;
    const after = `# One\n\nthree\nnew lines\n---\n# Two [@a]\n${CHART}\n---\n# Three`;
    compile(before, host, cache);
    const runs: string[] = [];
    const spy = new Proxy(cache, {
      get: (t, k) =>
        k === 'compile'
          ? (key: string, ...rest: unknown[]) => {
              if (!(t as unknown as { entries: Map<string, unknown> }).entries.has(key)) runs.push(key.split('\0').at(-1)!.trim().split('\n')[0]!);
              return (t.compile as (...a: unknown[]) => unknown).call(t, key, ...rest);
            }
          : Reflect.get(t, k),
    });
    const deck = compile(after, host, spy);
    expect(runs).toEqual(['# One']);
    expect(deck).toEqual(compile(after, host));
    expect(deck.slides.map((s) => s.line)).toEqual([1, 6, 16]);
  });
});
