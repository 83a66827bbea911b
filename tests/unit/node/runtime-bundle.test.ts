import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRuntime } from '../../../src/node/runtime-bundle.ts';
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
