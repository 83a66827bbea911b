import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchProfile } from '../export/browser.ts';
import { Cleanup } from '../export/cleanup.ts';
import { serveStatic } from '../export/serve.ts';
import { sizeProblem } from '../compile/slide-size.ts';
import { makeTempDir, removeStaleTemp, removeTempDir } from '../export/temp.ts';
import { buildDeck } from '../node/build.ts';
import { activeContentIssues } from './active.ts';
import { layoutIssues, limitsFor } from './analyse.ts';
import { factIssues, requestIssues, type FailedRequest } from './facts.ts';
import { densityIssues } from './density.ts';
import { inspectDeck } from './inspect.ts';
import { Locator } from './locate.ts';
import { measureSlides } from './measure.ts';
import { compileRule, type CheckIssue, type CheckResult } from './types.ts';

export type { CheckResult };

// Fragments and slides animate with CSS transitions; with them off, a measurement never catches a move halfway.
const STILL = '*, *::before, *::after { transition: none !important; animation: none !important; }';

/** Builds the deck at `input`, opens it in Chromium at its own size and checks every slide at every fragment step. */
export async function checkDeck(input: string, allowDirs: readonly string[] = []): Promise<CheckResult> {
  const started = performance.now();
  const cleanup = new Cleanup();
  // Ctrl+C closes the browser and server and removes the temp folder, then exits 130: no stack trace, nothing left.
  const release = cleanup.trapSignals((signal) => process.stderr.write(`\nchokepoint check: ${signal}: stopping and removing temporary files\n`));
  removeStaleTemp();
  const tmp = makeTempDir('check');
  let closed = false;
  cleanup.add(() => removeTempDir(tmp, { stopBrowser: !closed }));
  // Chromium starts while the deck builds; a deck that does not compile never needs it.
  const launching = launchProfile(join(tmp, 'browser'), { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  launching.catch(() => undefined);
  cleanup.add(() => launching.then(async (b) => { await b.close(); closed = true; }, () => { closed = true; }));
  try {
    const built = await buildDeck(input, join(tmp, 'dist'), { allowDirs });
    const tooLarge = built.ok ? sizeProblem(built.deck) : undefined;
    const compiled: CheckIssue[] = [...built.deck.issues, ...(tooLarge ? [tooLarge] : [])].map((i) => ({ ...i, rule: compileRule(i) }));
    const seconds = () => (performance.now() - started) / 1000;
    if (!built.ok || tooLarge) return { issues: compiled, slides: 0, seconds: seconds() };
    const context = await launching;
    const server = await serveStatic(built.outDir);
    cleanup.add(() => server.close());
    const { width, height } = built.deck.meta;
    const page = context.pages()[0] ?? await context.newPage();
    await page.setViewportSize({ width, height });
    const failed = watchRequests(page, server.url);
    await page.route((url) => /^https?:/.test(url.href) && !url.href.startsWith(server.url), (route) => route.abort('blockedbyclient'));
    // Query parameters override the deck's reveal settings: no transition, and no margin, so one slide pixel is one screen pixel.
    await page.goto(`${server.url}?transition=none&margin=0`);
    await page.waitForSelector('.reveal.ready');
    await page.addStyleTag({ content: STILL });
    await page.evaluate(() => Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined))));

    const facts = await page.evaluate(inspectDeck);
    const info = new Map(built.deck.slides.map((s) => [`${s.h}/${s.v}`, s]));
    // The page names files relative to the deck; issues name them as the compiler does.
    const slides = facts.map((f, i) => ({ ...f, file: info.get(`${f.h}/${f.v}`)?.file ?? f.file, ref: { number: i + 1, h: f.h, v: f.v, title: info.get(`${f.h}/${f.v}`)?.title ?? '' } }));
    const locate = new Locator(built.deck.slides);
    const limits = limitsFor(width, height);
    const issues: CheckIssue[] = [];
    const measured = await page.evaluate(measureSlides, slides.map(({ h, v }) => ({ h, v })));
    slides.forEach((s, i) => issues.push(...layoutIssues(measured[i]!, { file: s.file, line: s.line, slide: s.ref }, limits)));
    issues.push(...factIssues(slides, locate));
    issues.push(...activeContentIssues(slides, locate, server.url, built.outDir));
    issues.push(...densityIssues(slides, built.deck.meta.maxWords));
    await failed.settled();
    issues.push(...requestIssues(failed.list, slides, locate, input));
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
  const done = () => { if (--pending === 0) idle?.(); };
  page.on('request', () => void pending++);
  page.on('requestfinished', (r) => {
    void r.response().then((res) => {
      if (res && res.status() >= 400) list.push({ url: r.url(), status: `HTTP ${res.status()}`, foreign: false });
    }).finally(done);
  });
  page.on('requestfailed', (r) => {
    const foreign = !r.url().startsWith(origin) && /^https?:/.test(r.url());
    list.push({ url: r.url(), status: r.failure()?.errorText ?? 'failed', foreign });
    done();
  });
  return {
    list,
    // A request that never ends (a streaming video) must not hang the check: wait at most 10 s for the rest.
    settled: () => (pending === 0 ? Promise.resolve() : new Promise<void>((r) => { idle = r; setTimeout(r, 10_000).unref(); })),
  };
}
