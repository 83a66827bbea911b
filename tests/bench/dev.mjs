// `chokepoint dev`: launch until slide 1 shows in Chromium, hot update until the page shows an
// edit, and the server's memory.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLI, ROOT } from './build.mjs';
import { cpuSeconds, freePort, memory, tree } from './proc.mjs';
import { median } from './stats.mjs';

const MIB = 1024 * 1024;
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
 */
async function session(browser, dir, editFile, hotUpdates, cli = CLI) {
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
    throw new Error(`${e.message}\n--- dev server output ---\n${log}`);
  } finally {
    writeFileSync(editFile, original);
    await context.close();
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

/** `runs` dev sessions on the deck in `dir`; medians of launch-to-slide-1, hot update and memory. */
export async function measureDev(browser, dir, editFile, runs, hotUpdates = 5, { cli = CLI } = {}) {
  const sessions = [];
  for (let i = 0; i < runs; i++) sessions.push(await session(browser, dir, editFile, hotUpdates, cli));
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
