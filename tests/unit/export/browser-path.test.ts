import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../../src/export/browser.ts';

const debianWrapper = existsSync('/usr/bin/chromium') && readFileSync('/usr/bin/chromium').subarray(0, 2).toString() === '#!' && existsSync('/usr/lib/chromium/chromium');

describe('finding the browser', () => {
  it.runIf(debianWrapper)("goes past Debian's /usr/bin/chromium shell wrapper to the binary it starts", () => {
    expect(findBrowser({ CHOKEPOINT_SYSTEM_BROWSERS: '/usr/bin/chromium' })).toBe('/usr/lib/chromium/chromium');
  });

  it('uses CHROME_PATH exactly as given, wrapper or not', () => {
    expect(findBrowser({ CHROME_PATH: '/usr/bin/chromium', CHOKEPOINT_SYSTEM_BROWSERS: '' })).toBe('/usr/bin/chromium');
  });
});
