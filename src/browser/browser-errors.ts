// Apart from browser.ts so that the CLI can name these errors without loading Playwright (~0.6 s, ~60 MB).

/** A browser problem the CLI prints as it is (message and hint), never with a stack trace. */
export class BrowserError extends Error {
  override name = 'BrowserError';
}

/** Thrown when no browser can be found; its message says how to get one. */
export class NoBrowserError extends BrowserError {
  constructor(tried: string[]) {
    super(
      `no Chromium or Chrome found (tried ${tried.join(', ')}).\n` +
        '  hint: install one (Debian/Ubuntu: `apt-get install -y chromium`, plus `chromium-headless-shell` for lighter, faster exports), or set CHROME_PATH to a Chrome/Chromium executable',
    );
    this.name = 'NoBrowserError';
  }
}

/** Thrown when the browser was found but did not start (in time, or at all). */
export class BrowserStartError extends BrowserError {
  constructor(path: string, why: string) {
    super(
      `the browser at ${path} did not start: ${why}\n` +
        '  hint: check that CHROME_PATH (or the installed Chromium) runs: try `<path> --headless --no-sandbox --dump-dom about:blank`',
    );
    this.name = 'BrowserStartError';
  }
}
