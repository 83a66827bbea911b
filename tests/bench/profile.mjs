#!/usr/bin/env node
// CPU profiles behind the benchmark's numbers, summarised by package and by function.
//
//   node tests/bench/profile.mjs build [slides=300]   `chokepoint build` under --cpu-prof
//   node tests/bench/profile.mjs dev [slides=300]     dev server in-process: launch to slide 1, then hot updates
//   node tests/bench/profile.mjs dev-cli [slides=300] the spawned `chokepoint dev` under --cpu-prof, spawn to slide 1
//   node tests/bench/profile.mjs compile [slides=1000]
// Writes the .cpuprofile files (open them in Chrome DevTools) to a temp folder and prints where.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, deckFiles, ROOT } from './build.mjs';
import { writeDeck } from './deck.mjs';
import { firstSlide } from './dev.mjs';
import { freePort } from './proc.mjs';

/** Self time of a .cpuprofile grouped by package (or lib/ file) and by function, in ms. */
export function summarise(profile, top = 15) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0) / 1000);
  const byPackage = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const { callFrame: cf } = byNode.get(id);
    total += ms;
    const url = cf.url.replace(/^file:\/\//, '');
    const pkg = url.includes('node_modules/')
      ? url
          .slice(url.lastIndexOf('node_modules/') + 13)
          .split('/')
          .slice(0, url.slice(url.lastIndexOf('node_modules/') + 13).startsWith('@') ? 2 : 1)
          .join('/')
      : url.startsWith(ROOT)
        ? url.slice(ROOT.length + 1)
        : url.startsWith('node:')
          ? 'node (built-in)'
          : url || `(${cf.functionName || 'native'})`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const fn = `${cf.functionName || '(anonymous)'} ${pkg}:${cf.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  // Third-party time charged to the nearest frame of our own code (lib/), to say who asks for it.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = (id) => {
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byNode.get(cur).callFrame;
      if (cf.url.includes('/lib/') && !cf.url.includes('node_modules'))
        return `${cf.functionName || '(anonymous)'} ${cf.url.slice(cf.url.indexOf('/lib/') + 1)}:${cf.lineNumber + 1}`;
    }
    return '(not under lib/)';
  };
  const byCaller = new Map();
  for (const [id, ms] of self) {
    const key = ours(id);
    byCaller.set(key, (byCaller.get(key) ?? 0) + ms);
  }
  const sorted = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => [k, Math.round(v)]);
  return { totalMs: Math.round(total), byPackage: sorted(byPackage), byFunction: sorted(byFunction), byCaller: sorted(byCaller) };
}

function print(title, s) {
  console.log(`\n## ${title}: ${s.totalMs} ms of samples\n\nby package / file:`);
  for (const [k, v] of s.byPackage) console.log(`  ${String(v).padStart(6)} ms  ${k}`);
  console.log('by function (self time):');
  for (const [k, v] of s.byFunction) console.log(`  ${String(v).padStart(6)} ms  ${k}`);
  console.log('by nearest own (lib/) frame, self time below it included:');
  for (const [k, v] of s.byCaller) console.log(`  ${String(v).padStart(6)} ms  ${k}`);
}

// Run only as a script: other probes import summarise() from here.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [mode = 'build', size] = process.argv.slice(2);
  const out = mkdtempSync(join(tmpdir(), 'chokepoint-profile-'));
  const deck = join(out, 'deck');

  if (mode === 'build') {
    writeDeck(deck, Number(size ?? 300));
    spawnSync(process.execPath, [CLI, 'build', deck, '--out', join(out, 'dist')], { cwd: ROOT }); // warm the runtime cache
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', out, CLI, 'build', deck, '--out', join(out, 'dist')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    console.log(r.stdout.trim());
    const file = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
    print(`build ${size ?? 300} slides`, summarise(JSON.parse(readFileSync(join(out, file), 'utf8'))));
  } else if (mode === 'dev-cli') {
    // The real `chokepoint dev` process under --cpu-prof, from spawn until slide 1 shows; SIGTERM then ends
    // it through process.exit so the profile is written.
    const { spawn } = await import('node:child_process');
    writeDeck(deck, Number(size ?? 300));
    const { launchBrowser } = await import(join(ROOT, 'lib/browser/browser.js'));
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const port = await freePort();
    const exitOnTerm = 'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))';
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', out, '--import', exitOnTerm, CLI, 'dev', deck, '--port', String(port)],
      { cwd: ROOT, stdio: 'ignore' },
    );
    for (;;) {
      try {
        if ((await fetch(`http://localhost:${port}/`)).ok) break;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const http = performance.now() - t0;
    await firstSlide(page, `http://localhost:${port}/`);
    console.log(`HTTP after ${Math.round(http)} ms, slide 1 after ${Math.round(performance.now() - t0)} ms`);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await browser.close();
    const file = readdirSync(out).find((f) => f.endsWith('.cpuprofile'));
    print(`chokepoint dev ${size ?? 300} slides, spawn to slide 1`, summarise(JSON.parse(readFileSync(join(out, file), 'utf8'))));
  } else if (mode === 'compile') {
    writeDeck(deck, Number(size ?? 1000));
    const { compileDeck } = await import(join(ROOT, 'lib/compile/deck.js'));
    const inputs = deckFiles(deck).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const host = { readText: () => null, assetUrl: () => null };
    compileDeck(inputs, host);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (let i = 0; i < 3; i++) compileDeck(inputs, host);
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(out, 'compile.cpuprofile'), JSON.stringify(profile));
    print(`compile ${size ?? 1000} slides ×3`, summarise(profile));
  } else if (mode === 'dev') {
    const files = writeDeck(deck, Number(size ?? 300));
    const { launchBrowser } = await import(join(ROOT, 'lib/browser/browser.js'));
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    const port = await freePort();
    const t0 = performance.now();
    await session.post('Profiler.start');
    const { startDevServer } = await import(join(ROOT, 'lib/vite/server.js'));
    const server = await startDevServer({ input: deck, port });
    const listening = performance.now() - t0;
    await firstSlide(page, `http://localhost:${port}/`);
    const shown = performance.now() - t0;
    let { profile } = await session.post('Profiler.stop');
    writeFileSync(join(out, 'dev-launch.cpuprofile'), JSON.stringify(profile));
    console.log(
      `in-process: listening after ${Math.round(listening)} ms, slide 1 after ${Math.round(shown)} ms (vite imported in-process; the CLI also pays node start-up)`,
    );
    print('dev launch to slide 1 (includes the Playwright client)', summarise(profile));
    await new Promise((r) => setTimeout(r, 500));
    await session.post('Profiler.start');
    const original = readFileSync(files[0], 'utf8');
    const times = [];
    for (let i = 0; i < 5; i++) {
      const token = `edited-${i}-${Date.now().toString(36)}`;
      const t = performance.now();
      writeFileSync(files[0], original.replace(/^## .*$/m, `## ${token}`));
      await page.waitForFunction((tok) => document.querySelector('.reveal .slides')?.textContent?.includes(tok), token);
      times.push(Math.round(performance.now() - t));
      await new Promise((r) => setTimeout(r, 300));
    }
    ({ profile } = await session.post('Profiler.stop'));
    writeFileSync(join(out, 'dev-hot.cpuprofile'), JSON.stringify(profile));
    console.log(`\nhot updates (ms): ${times.join(', ')}`);
    print('5 hot updates (includes 5 × 300 ms idle)', summarise(profile));
    await server.close();
    await browser.close();
  }
  console.log(`\nprofiles in ${out}`);
}
