import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRuntime, runtimeKey, runtimeSources } from '../../../src/node/runtime-bundle.ts';
import { packageRoot } from '../../../src/node/paths.ts';
import { tempDir } from '../helpers.ts';

describe('the runtime bundle', () => {
  // Two builds of one cold cache at once (two test files, or a build and a dev server) used to share a
  // temporary folder per process, and one failed with ENOENT on its manifest.json.
  it('survives two concurrent builds into a cold cache, leaving one complete bundle and no temporary folders', async () => {
    const cache = tempDir('chokepoint-cache-');
    try {
      const dir = join(cache.path, 'runtime-0123456789abcdef');
      await Promise.all([buildRuntime(dir), buildRuntime(dir)]);
      const info = JSON.parse(readFileSync(join(dir, 'runtime.json'), 'utf8')) as { files: string[]; scripts: string[]; styles: string[] };
      expect(info.files.every((f) => existsSync(join(dir, f)))).toBe(true);
      expect(readdirSync(cache.path)).toEqual(['runtime-0123456789abcdef']);
      // One classic script (no `import`/`export` statements at the top level) and one stylesheet.
      expect(info.scripts).toHaveLength(1);
      expect(info.styles).toHaveLength(1);
      const code = readFileSync(join(dir, info.scripts[0]!), 'utf8');
      expect(code.startsWith('(function')).toBe(true);
      expect(/^(import|export)\s/m.test(code)).toBe(false);
    } finally {
      cache.remove();
    }
  }, 120_000);
});

describe('the runtime bundle cache key', () => {
  // The key once came from a hand-kept list that missed compile/frontmatter.ts (which the runtime imports):
  // an edit there reused a stale bundle.
  it('covers every module the runtime imports, however deep, and the theme, fonts and lockfile', () => {
    const sources = runtimeSources().map((f) => relative(packageRoot, f).split('\\').join('/'));
    for (const file of [
      'src/runtime/main.ts',
      'src/runtime/console.ts',
      'src/runtime/console.css',
      'src/compile/runtime-config.ts',
      'src/compile/frontmatter.ts',
      'src/node/runtime-bundle.ts',
      'package-lock.json',
    ])
      expect(sources).toContain(file);
    expect(sources.some((f) => f.startsWith('assets/theme/'))).toBe(true);
    expect(sources.some((f) => f.startsWith('assets/fonts/'))).toBe(true);
    // Node-only code is not part of the bundle: editing it must not throw the cached bundle away.
    expect(sources.filter((f) => f.startsWith('src/node/') || f.startsWith('src/export/') || f.startsWith('src/vite/'))).toEqual([
      'src/node/runtime-bundle.ts',
    ]);
  });
});

describe('the runtime bundle cache key, remembered', () => {
  // A build used to read and hash every runtime source (~50 files) to find its bundle; the stamp keeps the key
  // with the files' stats, and any change of a file or of a folder holding them makes it hash again.
  it('is reused while every stat matches, and computed again from the sources when one does not', () => {
    const cache = tempDir('chokepoint-key-');
    const before = process.env.CHOKEPOINT_CACHE_DIR;
    process.env.CHOKEPOINT_CACHE_DIR = cache.path;
    try {
      const key = runtimeKey();
      expect(key).toMatch(/^[0-9a-f]{16}$/);
      const stampFile = join(cache.path, 'runtime-key.json');
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { key: string; stats: [string, ...number[]][] };
      const listed = stamp.stats.map(([p]) => relative(packageRoot, p).split('\\').join('/'));
      for (const need of ['src/runtime/main.ts', 'package-lock.json', 'src/runtime', 'assets/theme']) expect(listed).toContain(need);
      // The stamp is what answers: a key planted in it comes back while the stats match...
      writeFileSync(stampFile, JSON.stringify({ ...stamp, key: 'feedfacefeedface' }));
      expect(runtimeKey()).toBe('feedfacefeedface');
      // ...and one changed stat (here: the size recorded for the last entry) sends it back to the sources.
      const stats = stamp.stats.map((s, i) => (i === stamp.stats.length - 1 ? ([s[0], Number(s[1]) + 1, ...s.slice(2)] as typeof s) : s));
      writeFileSync(stampFile, JSON.stringify({ ...stamp, key: 'feedfacefeedface', stats }));
      expect(runtimeKey()).toBe(key);
    } finally {
      if (before === undefined) delete process.env.CHOKEPOINT_CACHE_DIR;
      else process.env.CHOKEPOINT_CACHE_DIR = before;
      cache.remove();
    }
  });
});
