import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter } from 'node:path';
import type * as Playwright from 'playwright-core';
import type { Browser, BrowserContext, LaunchOptions } from 'playwright-core';
import { BrowserStartError, NoBrowserError } from './browser-errors.ts';

export { BrowserError, BrowserStartError, NoBrowserError } from './browser-errors.ts';

/**
 * Playwright is CommonJS (7 MB of bundled code). Imported from an ES module, Node also scans every file it
 * requires for export names (cjs-module-lexer, in this Node's loader): measured, 0.72–0.75 s of CPU and
 * 120–127 MB RSS for the import, against 0.35–0.48 s and 107 MB when required. Every export pays it before
 * Chromium can start.
 */
const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof Playwright;

/**
 * Features this Chromium is started without. Chromium reads only the last `--disable-features`, so the list
 * repeats what Playwright 1.65 disables by default (its own switch comes first and would be lost), then adds:
 * the omnibox popups that a headless Chromium 150+ preloads as two extra renderer processes (~70 MB, and CPU
 * while it starts), and the spare renderer kept ready for a next tab that an export never opens.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'SpareRendererForSitePerProcess',
];
/** As above for `--enable-features`: Playwright's two, and the network service inside the browser process (one process less). */
const ENABLED_FEATURES = ['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies', 'NetworkServiceInProcess2'];

/** Chromium flags for running here: as root, headless, with no calls home, and as few processes as it needs. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio',
  '--font-render-hinting=none',
  // No GPU is used (--disable-gpu): its process would only host the software compositor, which can run in the browser's.
  '--in-process-gpu',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
  `--enable-features=${ENABLED_FEATURES.join(',')}`,
];

/**
 * Added for an export's or a check's browser (launchProfile), which opens one page: its renderer starts as a process
 * of its own instead of a fork of a zygote kept ready for more (Linux; needs --no-sandbox, in CHROMIUM_ARGS). The
 * zygote's own memory outweighed what forking shares: at 300 text slides the export's peak PSS 352 -> 341 MB
 * (anonymous 176 -> 166 MB), wall time unchanged. A renderer then takes ~25-30 ms longer to start, which is why
 * browsers that open many pages (the tests' shared ones) keep the zygote. (The CPU that /usr/bin/time reports for
 * an export rises, as the renderer is now reaped by the browser and so counted; summed per process it is unchanged.)
 */
export const SESSION_ARGS = ['--no-zygote'];

/**
 * Headless shells first: Chromium's headless-only build (what Playwright itself launches for `headless: true`)
 * runs the same Blink and prints the same PDF without the desktop browser around it. Measured on a 300-slide
 * export: 5 processes instead of 7, ~140 MiB less, ~1.5 s faster. Debian's binary is named directly: its
 * /usr/bin wrapper is a shell that stays as the browser's parent.
 */
const SYSTEM_PATHS = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chrome-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * How long a browser may take before we look for signs of life (ms); CHOKEPOINT_BROWSER_TIMEOUT overrides it.
 * A real Chromium writes its profile (lock, `Local State`) early in its start, even on a machine so busy that
 * the whole start takes many seconds; a program that never starts (a wrong CHROME_PATH, a wrapper that waits)
 * writes nothing. An empty profile four times this long after launch (40 s by default) fails the launch.
 */
export function launchTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.CHOKEPOINT_BROWSER_TIMEOUT);
  return Number.isFinite(ms) && ms > 0 ? ms : 10_000;
}

/** The hard limit for a browser that shows signs of life but is slow to start (ms). */
const SLOW_START_LIMIT = 120_000;

const hasEntries = (dir: string) => {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
};

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

/** Launches headless Chromium with the flags this machine needs; a failure is a plain {@link BrowserStartError}. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser();
  return watch(
    executablePath,
    chromium.launch({
      executablePath,
      headless: true,
      timeout: SLOW_START_LIMIT,
      ...options,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    }),
  );
}

/**
 * Launches Chromium on a profile in `dir` (created if missing), for exports and checks: everything the
 * browser writes stays in a folder the caller owns and removes, and that a later run can recognise and
 * remove (with the browser, if it outlived us) when this process is killed outright. The context comes
 * with one blank page, ready to use. A program that shows no sign of starting fails within 4 × {@link launchTimeout}.
 */
export async function launchProfile(dir: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  const executablePath = findBrowser();
  // Chromium's own TMPDIR stays the system's: its singleton socket path must stay under 108 bytes.
  return watch(
    executablePath,
    chromium.launchPersistentContext(dir, {
      executablePath,
      headless: true,
      timeout: SLOW_START_LIMIT,
      ...options,
      viewport: null,
      args: [...CHROMIUM_ARGS, ...SESSION_ARGS, ...(options.args ?? [])],
    }),
    dir,
  );
}

/** Waits for a launch, failing early when `profile` stays empty (nothing started), with plain errors either way. */
async function watch<T extends { close(): Promise<void> }>(executablePath: string, launching: Promise<T>, profile?: string): Promise<T> {
  const wait = launchTimeout();
  let timer: NodeJS.Timeout | undefined;
  const lifeless = new Promise<never>((_, fail) => {
    if (!profile) return;
    const started = performance.now();
    const look = () => {
      if (hasEntries(profile)) return;
      if (performance.now() - started >= 4 * wait)
        fail(new BrowserStartError(executablePath, `no sign of a browser within ${Math.round((4 * wait) / 1000)} s`));
      else timer = setTimeout(look, 500);
    };
    timer = setTimeout(look, wait);
  });
  try {
    return await Promise.race([launching, lifeless]);
  } catch (e) {
    // A launch that still succeeds later must not leave a browser running.
    launching.then(
      (b) => b.close(),
      () => undefined,
    );
    if (e instanceof BrowserStartError) throw e;
    const text = (e as Error).message ?? String(e);
    const why = /Timeout \d+ms exceeded/.test(text)
      ? `no answer within ${SLOW_START_LIMIT / 1000} s`
      : text
          .split('\n')[0]!
          .replace(/^(browserType\.launch\w*|Error):\s*/, '')
          .trim() || 'unknown error';
    throw new BrowserStartError(executablePath, why.slice(0, 300));
  } finally {
    clearTimeout(timer);
  }
}
