import { accessSync, constants, existsSync, statSync } from 'node:fs';
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

/** A browser problem the CLI prints as it is (message and hint), never with a stack trace. */
export class BrowserError extends Error {
  override name = 'BrowserError';
}

/** Thrown when no browser can be found; its message says how to get one. */
export class NoBrowserError extends BrowserError {
  constructor(tried: string[]) {
    super(`no Chromium or Chrome found (tried ${tried.join(', ')}).\n` +
      '  hint: install one (Debian/Ubuntu: `apt-get install -y chromium`), or set CHROME_PATH to a Chrome/Chromium executable');
    this.name = 'NoBrowserError';
  }
}

/** Thrown when the browser was found but did not start (in time, or at all). */
export class BrowserStartError extends BrowserError {
  constructor(path: string, why: string) {
    super(`the browser at ${path} did not start: ${why}\n` +
      '  hint: check that CHROME_PATH (or the installed Chromium) runs: try `<path> --headless --no-sandbox --dump-dom about:blank`');
    this.name = 'BrowserStartError';
  }
}

/** How long a browser may take to start before the export gives up (ms); CHOKEPOINT_BROWSER_TIMEOUT overrides it. */
export function launchTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.CHOKEPOINT_BROWSER_TIMEOUT);
  return Number.isFinite(ms) && ms > 0 ? ms : 15_000;
}

const runnable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

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
    if (runnable(env.CHROME_PATH)) return env.CHROME_PATH;
    tried.push(`CHROME_PATH=${env.CHROME_PATH}${existsSync(env.CHROME_PATH) ? ' (not an executable file)' : ''}`);
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
    if (own) tried.push(own);
  } catch {
    // playwright-core without a downloaded browser: fall through to the system.
  }
  for (const path of systemPaths) {
    if (runnable(path)) return path;
    tried.push(path);
  }
  throw new NoBrowserError(tried.length > 0 ? tried : ['nothing: CHOKEPOINT_SYSTEM_BROWSERS is empty']);
}

/** What {@link launchBrowser} takes: Playwright's options, plus a folder for the browser's profile. */
export type BrowserOptions = LaunchOptions & {
  /**
   * Where the browser's profile and Playwright's artifacts go (instead of the system temp folder), so one
   * removal cleans up after it, and a later run can find and remove them if this process is killed.
   */
  profileDir?: string;
};

/**
 * Launches headless Chromium with the flags this machine needs. A browser that does not start within
 * {@link launchTimeout} fails with a plain {@link BrowserStartError}, not Playwright's log dump.
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<Browser> {
  const { profileDir, ...launch } = options;
  const executablePath = findBrowser();
  const timeout = launchTimeout();
  // Playwright creates its profile and artifacts folders in os.tmpdir(), which follows TMPDIR while it starts.
  const saved = process.env.TMPDIR;
  if (profileDir) process.env.TMPDIR = profileDir;
  try {
    return await chromium.launch({
      executablePath, headless: true, timeout, ...launch,
      env: profileDir ? { ...process.env, TMPDIR: profileDir } : launch.env,
      args: [...CHROMIUM_ARGS, ...(launch.args ?? [])],
    });
  } catch (e) {
    const text = (e as Error).message ?? String(e);
    const why = /Timeout \d+ms exceeded/.test(text) ? `no answer within ${Math.round(timeout / 1000)} s`
      : text.split('\n')[0]!.replace(/^(browserType\.launch|Error):\s*/, '').trim() || 'unknown error';
    throw new BrowserStartError(executablePath, why.slice(0, 300));
  } finally {
    if (profileDir) {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  }
}
