import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Cleanup } from '../../../src/browser/cleanup.ts';
import { PNG_MANIFEST, recordedPngs, replacePngs } from '../../../src/export/png-manifest.ts';
import { heartbeat, type Progress } from '../../../src/browser/progress.ts';
import { removeStaleTemp } from '../../../src/browser/temp.ts';
import { tempDir } from '../helpers.ts';

const tmp = tempDir('chokepoint-limits-');
afterAll(() => tmp.remove());

describe('the png manifest', () => {
  it('never lets a hand-edited manifest point the cleanup outside plain .png names in the folder', () => {
    const dir = join(tmp.path, 'hostile');
    mkdirSync(dir);
    writeFileSync(join(tmp.path, 'outside.png'), 'x');
    writeFileSync(join(dir, '.keep.png'), 'x');
    writeFileSync(join(dir, 'notes.md'), 'x');
    writeFileSync(
      join(dir, PNG_MANIFEST),
      JSON.stringify({ generator: 'chokepoint png', files: ['../outside.png', '.keep.png', 'notes.md', '/etc/hostname', 'ok.png'] }),
    );
    expect(recordedPngs(dir)).toEqual(['ok.png']);
    replacePngs(dir, new Map(), new Cleanup());
    expect(existsSync(join(tmp.path, 'outside.png'))).toBe(true);
    expect(existsSync(join(dir, '.keep.png'))).toBe(true);
    expect(existsSync(join(dir, 'notes.md'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, PNG_MANIFEST), 'utf8')).files).toEqual([]);
  });

  it('ignores a manifest some other tool wrote', () => {
    const dir = join(tmp.path, 'foreign');
    mkdirSync(dir);
    writeFileSync(join(dir, PNG_MANIFEST), JSON.stringify({ files: ['a.png'] }));
    expect(recordedPngs(dir)).toEqual([]);
  });
});

describe('stale temp folders', () => {
  it('removes only chokepoint folders whose process is gone', () => {
    const root = join(tmp.path, 'tmp');
    mkdirSync(join(root, 'chokepoint-export-999999999-aBc123', 'browser'), { recursive: true });
    mkdirSync(join(root, `chokepoint-export-${process.pid}-aBc123`), { recursive: true });
    mkdirSync(join(root, 'chokepoint-export-aBc123'), { recursive: true });
    mkdirSync(join(root, 'playwright_chromiumdev_profile-aBc123'), { recursive: true });
    expect(removeStaleTemp(root)).toEqual([join(root, 'chokepoint-export-999999999-aBc123')]);
    expect(existsSync(join(root, `chokepoint-export-${process.pid}-aBc123`))).toBe(true);
    expect(existsSync(join(root, 'playwright_chromiumdev_profile-aBc123'))).toBe(true);
  });
});

describe('progress while Chromium works', () => {
  it('says every few seconds that a long step is still running, until stopped', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const progress: Progress = { phase: (t) => void lines.push(t), step() {}, end() {} };
      const stop = heartbeat(progress, 'still rendering 20000 pages', 5000);
      vi.advanceTimersByTime(16_000);
      stop();
      vi.advanceTimersByTime(20_000);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatch(/^still rendering 20000 pages: \d+ s so far$/);
    } finally {
      vi.useRealTimers();
    }
  });
});
