import type { Page } from 'playwright-core';

/**
 * Runs in the page before any of its scripts: numbers the slides, adds the export's own styles (`css`) and
 * raises a flag on reveal's `pdf-ready`. Both happen when parsing ends (readyState `interactive`), which the
 * spec puts before deferred scripts run, so every slide is stamped before reveal's print view clones fragment
 * pages from it, and the styles are in place for reveal's layout instead of costing another one afterwards.
 * With `printView` (static-print.ts) the page lays out its print pages itself and raises the flag when done.
 */
export function exportInitScript(css: string, printView?: () => void): void {
  // Chromium renders a document while it is still parsing: a full style and layout of the live slides that the
  // print layout throws away (~0.2 s at 300 slides). Nothing is laid out until parsing ends.
  const unrendered = new CSSStyleSheet();
  unrendered.replaceSync('html { display: none !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, unrendered];
  const show = () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== unrendered);
  };
  const ready = () => {
    document.documentElement.dataset.exportPdfReady = '';
  };
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
    const leaves = Array.from(document.querySelectorAll<HTMLElement>('.reveal .slides section')).filter((s) => !s.querySelector('section'));
    leaves.forEach((section, i) => {
      section.dataset.exportSlide = String(i);
    });
    // reveal's print view measures the page as it starts: it must be rendered by then.
    if (!printView) return show();
    // The page prints its slides itself: without its settings the runtime starts no reveal.
    document.getElementById('deck-config')?.remove();
    // Parsing can end before the theme's stylesheets arrive: the print view reads the computed page background.
    const sheets = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet"]'))
      .filter((link) => !link.sheet)
      .map(
        (link) =>
          new Promise((done) => {
            link.addEventListener('load', done);
            link.addEventListener('error', done);
          }),
      );
    const settled = (work: Promise<unknown>) => Promise.race([work, new Promise((done) => setTimeout(done, 10_000))]);
    void settled(Promise.all(sheets))
      .then(() => {
        printView();
        // Web fonts load when a layout first needs them, and their arrival lays every slide out again (~0.2 s at
        // 300 slides). Loaded first (local files, a few ms each), the first layout is the last before page.pdf.
        // The style update registers the stylesheets' @font-face rules in document.fonts.
        getComputedStyle(document.documentElement).getPropertyValue('color');
        const faces = Array.from(document.fonts)
          .filter((face) => face.status === 'unloaded')
          .map((face) => face.load().catch(() => undefined));
        return settled(Promise.all(faces));
      })
      .then(
        () => {
          show();
          ready();
        },
        (error: unknown) => {
          // Thrown outside the promise, so the export's page-error watch sees it and stops with the page's own message.
          show();
          setTimeout(() => {
            throw error;
          });
        },
      );
  });
  window.addEventListener('pdf-ready', ready);
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
      .map((src) =>
        Object.assign(new Image(), { src })
          .decode()
          .catch(() => undefined),
      );
    await Promise.all([...images, ...backgrounds]);
    // Two frames: the first applies pending style changes, the second has painted them.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }, scope);
}

/**
 * Resolves in the page once the `pdf-ready` flag is up. A promise of the page's own (a mutation observer) rather
 * than `page.waitForSelector`, which injects Playwright's selector engine into the page (measured at 300 slides:
 * the renderer's peak 2–7 MB lower, Node's RSS ~4 MB lower) and polls it on animation frames.
 */
// The document may have no root element yet (it is being replaced): the observer watches the document itself.
const PRINT_VIEW_READY = `new Promise((done) => {
  const ready = () => Boolean(document.documentElement?.hasAttribute('data-export-pdf-ready'));
  if (ready()) return done();
  const watch = new MutationObserver(() => {
    if (!ready()) return;
    watch.disconnect();
    done();
  });
  watch.observe(document, { attributes: true, attributeFilter: ['data-export-pdf-ready'], childList: true, subtree: true });
})`;

/** Evaluates {@link PRINT_VIEW_READY} again in the next document when a navigation destroys the one it ran in. */
async function printViewReady(page: Page): Promise<void> {
  for (;;) {
    try {
      await page.evaluate(PRINT_VIEW_READY);
      return;
    } catch (e) {
      if (page.isClosed() || !/context was destroyed|navigat/i.test(String(e))) throw e;
      await page.waitForLoadState('domcontentloaded').catch(() => undefined);
    }
  }
}

/** Waits for reveal's print layout (`pdf-ready`), failing early with the page's own error if it crashes. Fonts and images: {@link waitForAssets}. */
export async function waitForPrintView(page: Page, timeout = 120_000): Promise<void> {
  let fail: ((e: Error) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    fail = reject;
  });
  stopped.catch(() => undefined);
  const onError = (e: Error) => fail?.(new Error(`the deck failed in the browser: ${e.message}`));
  page.on('pageerror', onError);
  const timer = setTimeout(() => fail?.(new Error(`the print view was not ready within ${Math.round(timeout / 1000)} s`)), timeout);
  const ready = printViewReady(page);
  ready.catch(() => undefined);
  try {
    await Promise.race([ready, stopped]);
  } finally {
    clearTimeout(timer);
    page.off('pageerror', onError);
  }
}

/**
 * Collects the garbage reveal's print view leaves before `page.pdf`, whose print layout and page records are the
 * peak of an export's memory: reveal sets up the live deck, then moves every slide into its page, and the
 * styles and layouts it threw away stay until a collection. Measured at 300 text slides (renderer peak, CPU of
 * page.pdf): no collection 249–288 MB; this 230 MB; a collection plus a critical memory-pressure signal (what
 * this once also sent) 231 MB, for ~0.3 s more CPU, as the signal also purges the font and shaping caches that
 * page.pdf then refills. A page printed by the static view (static-print.ts) has no such garbage, and a forced
 * collection there cost memory and time (renderer peak 217–234 MB against 210–216 MB): it is not called there.
 * Best effort: a browser without the command prints all the same.
 */
export async function collectGarbage(page: Page): Promise<void> {
  const cdp = await page
    .context()
    .newCDPSession(page)
    .catch(() => undefined);
  if (!cdp) return;
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await cdp.detach().catch(() => undefined);
}
