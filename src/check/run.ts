import type { Page } from 'playwright-core';
import { Cleanup } from '../browser/cleanup.ts';
import { silentProgress } from '../browser/progress.ts';
import { failed, openSession } from '../browser/session.ts';
import { activeContentIssues } from './active.ts';
import { layoutIssues, limitsFor } from './analyse.ts';
import { factIssues, requestIssues, type FailedRequest } from './facts.ts';
import { densityIssues } from './density.ts';
import { inspectDeck } from './inspect.ts';
import { Locator } from './locate.ts';
import { measureSlides } from './measure.ts';
import { installPageTools } from './page-tools.ts';
import { compileRule, type CheckIssue, type CheckResult } from './types.ts';

export type { CheckResult };

// Fragments and slides animate with CSS transitions; with them off, a measurement never catches a move halfway.
const STILL = '*, *::before, *::after { transition: none !important; animation: none !important; }';

/** Builds the deck at `input`, opens it in Chromium at its own size and checks every slide at every fragment step. */
export async function checkDeck(input: string, allowDirs: readonly string[] = []): Promise<CheckResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const cleanup = new Cleanup();
  // Ctrl+C closes the browser and server and removes the temp folder, then exits 130: no stack trace, nothing left.
  const release = cleanup.trapSignals((signal) => process.stderr.write(`\nchokepoint check: ${signal}: stopping and removing temporary files\n`));
  try {
    const session = await openSession({ input, allowDirs, purpose: 'check' }, cleanup, silentProgress);
    if (failed(session)) return { issues: session.issues.map((i) => ({ ...i, rule: compileRule(i) })), slides: 0, seconds: seconds() };
    const { deck, page, outDir } = session;
    const compiled: CheckIssue[] = deck.issues.map((i) => ({ ...i, rule: compileRule(i) }));
    const url = session.url;
    const { width, height } = deck.meta;
    const requests = watchRequests(page, url);
    await page.route(
      (u) => /^https?:/.test(u.href) && !u.href.startsWith(url),
      (route) => route.abort('blockedbyclient'),
    );
    // Query parameters override the deck's reveal settings: no transition, and no margin, so one slide pixel is one screen pixel.
    await page.goto(`${url}?transition=none&margin=0`);
    await page.waitForSelector('.reveal.ready');
    await page.addStyleTag({ content: STILL });
    await page.evaluate(() => Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined))));

    const facts = await page.evaluate(inspectDeck);
    const info = new Map(deck.slides.map((s) => [`${s.h}/${s.v}`, s]));
    // The page names files relative to the deck; issues name them as the compiler does.
    const slides = facts.map((f, i) => ({
      ...f,
      file: info.get(`${f.h}/${f.v}`)?.file ?? f.file,
      ref: { number: i + 1, h: f.h, v: f.v, title: info.get(`${f.h}/${f.v}`)?.title ?? '' },
    }));
    const locate = new Locator(deck.slides);
    const limits = limitsFor(width, height);
    const issues: CheckIssue[] = [];
    await page.evaluate(installPageTools);
    const measured = await page.evaluate(
      measureSlides,
      slides.map(({ h, v }) => ({ h, v })),
    );
    slides.forEach((s, i) => issues.push(...layoutIssues(measured[i]!, { file: s.file, line: s.line, slide: s.ref }, limits)));
    issues.push(...factIssues(slides, locate));
    issues.push(...activeContentIssues(slides, locate, url, outDir));
    issues.push(...densityIssues(slides, deck.meta.maxWords));
    await requests.settled();
    issues.push(...requestIssues(requests.list, slides, locate, input));
    const order = (i: CheckIssue) => i.slide?.number ?? 0;
    const sorted = [...compiled, ...issues.sort((a, b) => order(a) - order(b) || a.line - b.line)];
    return { issues: sorted, slides: slides.length, seconds: seconds() };
  } finally {
    await cleanup.run();
    release();
  }
}

/** Records failed requests, including those to other hosts (refused, as the deck must present offline). */
function watchRequests(page: Page, origin: string): { list: FailedRequest[]; settled(): Promise<void> } {
  const list: FailedRequest[] = [];
  let pending = 0;
  let idle: (() => void) | undefined;
  const done = () => {
    if (--pending === 0) idle?.();
  };
  page.on('request', () => void pending++);
  page.on('requestfinished', (r) => {
    void r
      .response()
      .then((res) => {
        if (res && res.status() >= 400) list.push({ url: r.url(), status: `HTTP ${res.status()}`, foreign: false });
      })
      .finally(done);
  });
  page.on('requestfailed', (r) => {
    const foreign = !r.url().startsWith(origin) && /^https?:/.test(r.url());
    list.push({ url: r.url(), status: r.failure()?.errorText ?? 'failed', foreign });
    done();
  });
  return {
    list,
    // A request that never ends (a streaming video) must not hang the check: wait at most 10 s for the rest.
    settled: () =>
      pending === 0
        ? Promise.resolve()
        : new Promise<void>((r) => {
            idle = r;
            setTimeout(r, 10_000).unref();
          }),
  };
}
