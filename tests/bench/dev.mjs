// `chokepoint dev`: launch until slide 1 shows in Chromium, hot update until the page shows an
// edit, and the server's memory.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from './build.mjs';
import { cpuSeconds, freePort, memory, tree } from './proc.mjs';
import { median } from './stats.mjs';

const MIB = 1024 * 1024;
// Where `dev` keeps the first page of its last session of a deck (src/vite/page-cache.ts), for the CLI of ROOT.
const PAGE_CACHE = join(ROOT, 'node_modules/.cache/chokepoint/dev-pages');
const newestPage = () => (existsSync(PAGE_CACHE) ? Math.max(0, ...readdirSync(PAGE_CACHE).map((f) => statSync(join(PAGE_CACHE, f)).mtimeMs)) : 0);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until slide 1 of the deck at `url` is shown: Reveal ready and the first section visible. */
export async function firstSlide(page, url) {
  await page.goto(url);
  await page.waitForSelector('.reveal.ready', { timeout: 60_000 });
  await page.waitForSelector('.reveal .slides > section:first-of-type', { state: 'visible', timeout: 60_000 });
}

async function waitForHttp(url, child, timeoutMs = 60_000) {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (child.exitCode !== null) throw new Error(`dev server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(10);
  }
  throw new Error(`dev server did not answer ${url} in ${timeoutMs} ms`);
}

function treeMemory(pid) {
  let rss = 0;
  let hwm = 0;
  for (const p of tree(pid)) {
    const m = memory(p);
    if (m) {
      rss += m.rss;
      hwm += m.hwm;
    }
  }
  return { rssMiB: rss / MIB, hwmMiB: hwm / MIB };
}

/**
 * One dev-server session: spawn, time to HTTP, time to slide 1 in a fresh browser context, then
 * `hotUpdates` edits of `editFile` (its first `## ` heading), each timed until the page shows it.
 * `kept`: false starts without the page `dev` keeps from its last session of the deck (a first start, or
 * the deck changed since); true ends the session with the edits undone and shown, and waits until `dev`
 * has kept that page, so that the next session starts on an unchanged deck.
 */
async function session(browser, dir, editFile, hotUpdates, cli = CLI, kept = false) {
  if (!kept) rmSync(PAGE_CACHE, { recursive: true, force: true });
  const port = await freePort();
  const url = `http://localhost:${port}/`;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const original = readFileSync(editFile, 'utf8');
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'dev', dir, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  try {
    await waitForHttp(url, child);
    const httpMs = performance.now() - started;
    await firstSlide(page, url);
    const firstSlideMs = performance.now() - started;
    const cpuToSlide1 = cpuSeconds(child.pid);
    const afterLoad = treeMemory(child.pid);
    const hot = [];
    const hotCpu = [];
    for (let i = 0; i < hotUpdates; i++) {
      await sleep(300); // let the watcher settle so edits are not coalesced
      const token = `edited-${i}-${Date.now().toString(36)}`;
      const text = original.replace(/^## .*$/m, `## ${token}`);
      const cpu = cpuSeconds(child.pid);
      const t = performance.now();
      writeFileSync(editFile, text);
      await page.waitForFunction((tok) => document.querySelector('.reveal .slides')?.textContent?.includes(tok), token, { timeout: 30_000 });
      hot.push(performance.now() - t);
      hotCpu.push((cpuSeconds(child.pid) - cpu) * 1000);
    }
    const indices = await page.evaluate(() => window.Reveal?.getIndices?.() ?? null);
    const afterHot = treeMemory(child.pid);
    if (kept) {
      const before = newestPage();
      if (hotUpdates > 0) {
        await sleep(300);
        writeFileSync(editFile, original);
        await page.waitForFunction(() => !/edited-\d+-/.test(document.querySelector('.reveal .slides')?.textContent ?? ''), null, { timeout: 30_000 });
      }
      // `dev` keeps a page a second after its compile; a session that leaves none fails here, not later.
      const end = performance.now() + 10_000;
      while (newestPage() <= before && performance.now() < end) await sleep(50);
      if (newestPage() <= before && hotUpdates > 0) throw new Error('dev kept no page of the deck after the session');
    }
    return {
      httpMs,
      firstSlideMs,
      serverCpuToSlide1Seconds: cpuToSlide1,
      hotMs: hot,
      hotServerCpuMs: hotCpu,
      serverRssMiB: afterHot.rssMiB,
      serverPeakMiB: afterHot.hwmMiB,
      rssAfterLoadMiB: afterLoad.rssMiB,
      errors,
      indices,
    };
  } catch (e) {
    throw new Error(`${e.message}\n--- dev server output ---\n${log}`, { cause: e });
  } finally {
    // Only if edited: a rewrite (same text, new time) would make the next session's deck "changed".
    if (readFileSync(editFile, 'utf8') !== original) writeFileSync(editFile, original);
    await context.close();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

/**
 * `runs` dev sessions on the deck in `dir`; medians of launch-to-slide-1, hot update and memory. `kept`:
 * each starts with the page kept by the session before (the deck unchanged since), reported apart; the
 * default starts every session without it.
 */
export async function measureDev(browser, dir, editFile, runs, hotUpdates = 5, { cli = CLI, kept = false } = {}) {
  const sessions = [];
  for (let i = 0; i < runs; i++) sessions.push(await session(browser, dir, editFile, hotUpdates, cli, kept));
  const allHot = sessions.flatMap((s) => s.hotMs);
  return {
    sessions,
    medianHttpMs: median(sessions.map((s) => s.httpMs)),
    medianFirstSlideMs: median(sessions.map((s) => s.firstSlideMs)),
    medianServerCpuToSlide1Seconds: median(sessions.map((s) => s.serverCpuToSlide1Seconds)),
    medianHotMs: median(allHot),
    medianHotServerCpuMs: median(sessions.flatMap((s) => s.hotServerCpuMs)),
    maxHotMs: Math.max(...allHot),
    medianServerRssMiB: median(sessions.map((s) => s.serverRssMiB)),
    maxServerPeakMiB: Math.max(...sessions.map((s) => s.serverPeakMiB)),
  };
}

/**
 * The reference point for the dev server: `chokepoint preview` of the built deck (a plain static server
 * and the prebuilt runtime bundle) from spawn to slide 1, and its memory. What a dev server that served
 * the cached runtime bundle instead of transforming src/runtime and reveal.js per module could approach.
 */
export async function measurePreview(browser, dist, runs) {
  const sessions = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'preview', dist, '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitForHttp(url, child);
      const httpMs = performance.now() - started;
      await firstSlide(page, url);
      sessions.push({ httpMs, firstSlideMs: performance.now() - started, serverCpuSeconds: cpuSeconds(child.pid), serverRssMiB: treeMemory(child.pid).rssMiB });
    } finally {
      await context.close();
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    }
  }
  return {
    sessions,
    medianHttpMs: median(sessions.map((s) => s.httpMs)),
    medianFirstSlideMs: median(sessions.map((s) => s.firstSlideMs)),
    medianServerCpuSeconds: median(sessions.map((s) => s.serverCpuSeconds)),
    medianServerRssMiB: median(sessions.map((s) => s.serverRssMiB)),
  };
}
