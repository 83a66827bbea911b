import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser, systemBrowserPaths } from '../../../src/browser/browser.ts';
import { NoBrowserError } from '../../../src/browser/browser-errors.ts';
import { tempDir } from '../helpers.ts';

const tmp = tempDir('chokepoint-find-');
afterAll(() => tmp.remove());

const executable = (name: string) => {
  const path = join(tmp.path, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
};
// No CHROME_PATH: the list decides (this machine has no Playwright download, and CI installs none).
const bare = {};

describe('finding a browser', () => {
  it('tries the headless shells before any desktop browser', () => {
    const list = systemBrowserPaths({});
    const shells = list.map((p, i) => (/headless-shell/.test(p) ? i : -1)).filter((i) => i >= 0);
    const desktop = list.findIndex((p) => !/headless-shell/.test(p));
    expect(shells.length).toBeGreaterThan(0);
    expect(Math.max(...shells)).toBeLessThan(desktop);
    expect(list).toContain('/usr/bin/chromium');
  });

  it('takes the first runnable entry of the list, skipping missing files and non-executables', () => {
    const shell = executable('chromium-headless-shell');
    const full = executable('chromium');
    const plain = join(tmp.path, 'not-executable');
    writeFileSync(plain, 'x');
    expect(findBrowser(bare, [join(tmp.path, 'missing'), plain, shell, full])).toBe(shell);
    expect(findBrowser(bare, [join(tmp.path, 'missing'), full, shell])).toBe(full);
  });

  it('lets CHROME_PATH win over the list, and says what it tried when nothing runs', () => {
    const shell = executable('chromium-headless-shell');
    const chosen = executable('my-chrome');
    expect(findBrowser({ ...bare, CHROME_PATH: chosen }, [shell])).toBe(chosen);
    expect(() => findBrowser(bare, [join(tmp.path, 'missing')])).toThrow(NoBrowserError);
    expect(() => findBrowser(bare, [join(tmp.path, 'missing')])).toThrow(/chromium-headless-shell/);
  });
});
