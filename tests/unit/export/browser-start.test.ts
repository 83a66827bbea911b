import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.ts';

const tmp = tempDir('chokepoint-start-');
afterAll(() => tmp.remove());

describe('a browser that does not start', () => {
  // A CHROME_PATH that exits at once: found, but never starts.
  const chrome = join(tmp.path, 'chrome');
  writeFileSync(chrome, '#!/bin/sh\necho "no display" >&2\nexit 1\n');
  chmodSync(chrome, 0o755);
  const deck = join(tmp.path, 'deck.md');
  writeFileSync(deck, '---\ntitle: T\n---\n\n## One\n');

  // pptx once caught only NoBrowserError, so this read "export failed: the browser at … did not start".
  it.each(['pdf', 'pptx'])(
    '%s says so in the same words, without "export failed"',
    async (format) => {
      const saved = process.env.CHROME_PATH;
      process.env.CHROME_PATH = chrome;
      try {
        const { code, output } = await runCli(format, deck, '--out', join(tmp.path, `deck.${format}`));
        expect(code).toBe(1);
        expect(output).toContain(`chokepoint: the browser at ${chrome} did not start: `);
        expect(output).not.toContain('export failed');
      } finally {
        if (saved === undefined) delete process.env.CHROME_PATH;
        else process.env.CHROME_PATH = saved;
      }
    },
    60_000,
  );
});
