import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepNewest } from '../../../src/node/keep-newest.ts';
import { tempDir } from '../helpers.ts';

const home = tempDir('chokepoint-keep-newest-');
afterAll(() => home.remove());

describe('keepNewest (the cache folders of kept pages and kept slides)', () => {
  it('keeps the most recently written files of a folder, and touches only files named as the cache names its own', () => {
    const dir = join(home.path, 'kept');
    mkdirSync(dir);
    const now = Date.now() / 1000;
    for (let i = 0; i < 25; i++) {
      const file = join(dir, `deck-${i}.json`);
      writeFileSync(file, '{}');
      // deck-0 is the newest, deck-24 the oldest.
      utimesSync(file, now - i * 60, now - i * 60);
    }
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    writeFileSync(join(dir, 'settings.json'), '{}');
    utimesSync(join(dir, 'settings.json'), now - 9999, now - 9999);
    keepNewest(dir, /^deck-\d+\.json$/, 20);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(22);
    expect(left).toContain('notes.txt');
    expect(left).toContain('settings.json');
    for (let i = 0; i < 20; i++) expect(left).toContain(`deck-${i}.json`);
    for (let i = 20; i < 25; i++) expect(left).not.toContain(`deck-${i}.json`);
    keepNewest(join(home.path, 'missing'), /./);
  });
});
