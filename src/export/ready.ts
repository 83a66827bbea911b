import type { Page } from 'playwright-core';

/**
 * Runs in the page before any of its scripts: numbers the slides, adds the export's own styles (`css`) and
 * raises a flag on reveal's `pdf-ready`. Both happen when parsing ends (readyState `interactive`), which the
 * spec puts before deferred scripts run, so every slide is stamped before reveal's print view clones fragment
 * pages from it, and the styles are in place for reveal's layout instead of costing another one afterwards.
 */
export function exportInitScript(css: string, printView?: () => void): void {
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
    const leaves = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides section')).filter((s) => !s.querySelector('section'));
    leaves.forEach((section, i) => { section.dataset.exportSlide = String(i); });
    if (!printView) return;
    // The page prints its slides itself (static-print.ts): without its settings the runtime starts no reveal.
    document.getElementById('deck-config')?.remove();
    printView();
  });
  window.addEventListener('pdf-ready', () => { document.documentElement.dataset.exportPdfReady = ''; });
}

/** Waits until every font in use is loaded and every image (and CSS background image) is decoded. */
export async function waitForAssets(page: Page, scope = 'body'): Promise<void> {
  await page.evaluate(async (selector) => {
    await document.fonts.ready;
    const root = document.querySelector(selector) ?? document.body;
    const images = Array.from(root.querySelectorAll('img')).map((img) => img.decode().catch(() => undefined));
    // Slide backgrounds are CSS images: decoding a copy puts them in the cache the paint uses.
    const backgrounds = Array.from(document.querySelectorAll<HTMLElement>('.slide-background-content, .pdf-page'))
      .map((el) => /url\("?([^")]+)"?\)/.exec(el.style.backgroundImage)?.[1])
      .filter((src): src is string => Boolean(src))
      .map((src) => Object.assign(new Image(), { src }).decode().catch(() => undefined));
    await Promise.all([...images, ...backgrounds]);
    // Two frames: the first applies pending style changes, the second has painted them.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }, scope);
}

/** Waits for reveal's print layout (`pdf-ready`), failing early with the page's own error if it crashes. Fonts and images: {@link waitForAssets}. */
export async function waitForPrintView(page: Page, timeout = 120_000): Promise<void> {
  let crash: ((e: Error) => void) | undefined;
  const crashed = new Promise<never>((_, fail) => { crash = fail; });
  crashed.catch(() => undefined);
  const onError = (e: Error) => crash?.(new Error(`the deck failed in the browser: ${e.message}`));
  page.on('pageerror', onError);
  try {
    await Promise.race([page.waitForSelector('html[data-export-pdf-ready]', { state: 'attached', timeout }), crashed]);
  } finally {
    page.off('pageerror', onError);
  }
}

/**
 * Frees what the page no longer needs before `page.pdf`, whose print layout and page records are the peak of
 * an export's memory: the layouts and styles reveal's setup threw away are garbage until a collection, and
 * caches (fonts, decoded images) are refilled on demand. Measured at 300 slides: the renderer's peak drops by
 * ~60 MB (from ~280 MB), for ~0.2 s. Best effort: a browser without these commands prints all the same.
 */
export async function releaseMemory(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page).catch(() => undefined);
  if (!cdp) return;
  await cdp.send('Memory.simulatePressureNotification', { level: 'critical' }).catch(() => undefined);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await cdp.detach().catch(() => undefined);
}
