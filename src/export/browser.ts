import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Chromium flags for running here: as root, headless, with no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps',
  '--disable-extensions', '--mute-audio', '--font-render-hinting=none',
];

const SYSTEM_PATHS = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Thrown when no browser can be found; its message says how to get one. */
export class NoBrowserError extends Error {
  constructor(tried: string[]) {
    super(`no Chromium or Chrome found (tried ${tried.join(', ')}).\n` +
      '  hint: install one (Debian/Ubuntu: `apt-get install -y chromium`), or set CHROME_PATH to a Chrome/Chromium executable');
    this.name = 'NoBrowserError';
  }
}

/**
 * Where to look after CHROME_PATH and Playwright's own download: CHOKEPOINT_SYSTEM_BROWSERS (a PATH-style list;
 * empty means nowhere) replaces the built-in list, so a test or an unusual install can control the search.
 */
export function systemBrowserPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.CHOKEPOINT_SYSTEM_BROWSERS;
  return list === undefined ? SYSTEM_PATHS : list.split(delimiter).filter(Boolean);
}

/** Finds a browser: CHROME_PATH, then Playwright's own download if there is one, then the usual system paths. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, systemPaths = systemBrowserPaths(env)): string {
  const tried: string[] = [];
  if (env.CHROME_PATH) {
    if (existsSync(env.CHROME_PATH)) return env.CHROME_PATH;
    tried.push(`CHROME_PATH=${env.CHROME_PATH}`);
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
    if (own) tried.push(own);
  } catch {
    // playwright-core without a downloaded browser: fall through to the system.
  }
  for (const path of systemPaths) {
    if (existsSync(path)) return path;
    tried.push(path);
  }
  throw new NoBrowserError(tried.length > 0 ? tried : ['nothing: CHOKEPOINT_SYSTEM_BROWSERS is empty']);
}

/** Launches headless Chromium with the flags this machine needs. */
export function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: findBrowser(), headless: true, ...options, args: [...CHROMIUM_ARGS, ...(options.args ?? [])] });
}
