import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPng } from '../../src/commands/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { runCli, tempDir } from '../unit/helpers.ts';

// A real full disk: a 200 KiB tmpfs (root only). The basic deck builds to ~330 KiB; its four PNGs take ~140 KiB.
const DECK = 'tests/fixtures/decks/basic';
const tmp = tempDir('chokepoint-full-disk-');
const disk = join(tmp.path, 'disk');
let mounted = false;

beforeAll(() => {
  mkdirSync(disk);
  mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', disk]).status === 0;
});
afterAll(() => {
  if (mounted) spawnSync('umount', [disk]);
  try {
    rmdirSync(disk);
  } catch {
    /* not empty if the unmount failed: left for the temp cleanup */
  }
  tmp.remove();
});

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
const png = async (out: string) => {
  const lines: string[] = [];
  const sink = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
  return { code: await runPng(DECK, { out }, sink, silentProgress), output: lines.join('\n') };
};
// Without root, a tmpfs cannot be mounted: the test says so instead of passing silently.
const full = (name: string) =>
  (process.getuid?.() === 0 ? it : it.skip)(
    process.getuid?.() === 0 ? name : `${name} (skipped: mounting a small tmpfs needs root)`,
    async () => {
      expect(mounted, 'mount -t tmpfs failed').toBe(true);
      await CASES[name]!();
    },
    120_000,
  );

const CASES: Record<string, () => Promise<void>> = {
  'build: one located message, no stack trace, no temp folder': async () => {
    const { code, output } = await runCli('build', DECK, '--out', join(disk, 'dist'));
    expect(code).toBe(1);
    expect(output).toContain('dist: could not write the build: the disk is full (ENOSPC)');
    expect(output).not.toMatch(/\n\s+at /);
    expect(files(disk).filter((f) => !f.startsWith('png'))).toEqual([]);
  },
  'build --single-file: one message, no partial file': async () => {
    const { code, output } = await runCli('build', DECK, '--single-file', '--out', join(disk, 'deck.html'));
    expect(code).toBe(1);
    expect(output).toContain('deck.html: could not write the deck: the disk is full (ENOSPC); nothing was written');
    expect(files(disk).filter((f) => !f.startsWith('png'))).toEqual([]);
  },
  'png: a set that does not fit leaves the earlier set and its record as they were, and nothing of its own': async () => {
    const first = await png(join(disk, 'png'));
    expect(first.code, first.output).toBe(0);
    const before = files(join(disk, 'png'));
    const record = readFileSync(join(disk, 'png', '.chokepoint-png.json'), 'utf8');
    expect(before).toHaveLength(5);
    // A second set into a new folder: part of it fits, the rest does not.
    const fresh = await png(join(disk, 'png-again'));
    expect(fresh.code).toBe(1);
    expect(fresh.output).toContain('png-again: could not write the images: the disk is full (ENOSPC); the folder was left as it was');
    expect(fresh.output).not.toMatch(/\n\s+at /);
    // Again into the first folder: the staged images do not fit beside the old ones.
    const again = await png(join(disk, 'png'));
    expect(again.code).toBe(1);
    expect(files(join(disk, 'png'))).toEqual(before);
    expect(readFileSync(join(disk, 'png', '.chokepoint-png.json'), 'utf8')).toBe(record);
    expect(files(disk)).toEqual(['png', ...before.map((f) => `png/${f}`)]);
  },
};

describe('a full disk', () => {
  for (const name of Object.keys(CASES)) full(name);
});
