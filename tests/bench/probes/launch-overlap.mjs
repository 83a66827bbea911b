// Probe: how soon a fresh node process can drive Chromium. "import then launch" is what `chokepoint pdf`
// does (import playwright-core, then chromium.launch); "spawn then import" starts Chromium with
// child_process first and connects over CDP once playwright-core has loaded, so the two overlap.
// "raw-cdp-pipe" drives Chromium over --remote-debugging-pipe with no playwright-core at all.
// Each variant runs in its own node process:  node tests/bench/probes/launch-overlap.mjs [rounds=3]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../build.mjs';

const child = process.argv[2] === '--child' ? process.argv[3] : null;
if (child) {
  const t0 = performance.now();
  // lib/browser/browser.js imports playwright-core: the raw variant must not load it.
  const { CHROMIUM_ARGS, findBrowser } =
    child === 'raw-cdp-pipe'
      ? {
          CHROMIUM_ARGS: [
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
          ],
          findBrowser: () => process.env.CHROME_PATH ?? '/usr/bin/chromium',
        }
      : await import(join(ROOT, 'lib/browser/browser.js'));
  let browser;
  if (child === 'import-then-launch') {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
  } else if (child === 'raw-cdp-pipe') {
    // No playwright-core: Chromium's --remote-debugging-pipe speaks NUL-separated JSON on fds 3 and 4.
    const { spawn } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const proc = spawn(
      findBrowser(),
      [...CHROMIUM_ARGS, '--headless', '--remote-debugging-pipe', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'cp-probe-'))}`, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    let id = 0;
    let buf = '';
    const waiting = new Map();
    const events = [];
    proc.stdio[4].on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\0')) >= 0) {
        const msg = JSON.parse(buf.slice(0, i));
        buf = buf.slice(i + 1);
        if (msg.id && waiting.has(msg.id)) {
          waiting.get(msg.id)(msg.result);
          waiting.delete(msg.id);
        } else events.push(msg);
      }
    });
    const send = (method, params = {}, sessionId) =>
      new Promise((done) => {
        const m = { id: ++id, method, params, ...(sessionId ? { sessionId } : {}) };
        waiting.set(m.id, done);
        proc.stdio[3].write(`${JSON.stringify(m)}\0`);
      });
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    await send('Runtime.evaluate', { expression: 'document.body.innerHTML = "<p>ready</p>"; document.readyState' }, sessionId);
    const ms = performance.now() - t0;
    await send('Browser.close');
    console.log(Math.round(ms));
    process.exit(0);
  } else {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const proc = spawn(
      findBrowser(),
      [...CHROMIUM_ARGS, '--headless', '--remote-debugging-port=0', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'cp-probe-'))}`, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const endpoint = new Promise((done) => {
      let err = '';
      proc.stderr.on('data', (d) => {
        err += d;
        const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
        if (m) done(m[1]);
      });
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.connectOverCDP(await endpoint);
    browser.on('disconnected', () => proc.kill());
  }
  const ctx = browser.contexts()[0] ?? (await browser.newContext());
  const page = await ctx.newPage();
  await page.setContent('<p>ready</p>');
  const ms = performance.now() - t0;
  await browser.close();
  console.log(Math.round(ms));
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? 3);
const times = { 'import-then-launch': [], 'spawn-then-import': [], 'raw-cdp-pipe': [] };
for (let i = 0; i < rounds; i++) {
  for (const v of Object.keys(times)) {
    const t = performance.now();
    const inner = Number(execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--child', v], { cwd: ROOT, encoding: 'utf8' }).trim());
    times[v].push([inner, Math.round(performance.now() - t)]);
  }
}
for (const [v, list] of Object.entries(times))
  console.log(`${v.padEnd(20)} page ready after (ms, from the module's start / from spawning node): ${list.map(([a, b]) => `${a}/${b}`).join(', ')}`);
