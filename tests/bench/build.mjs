// Compile (in-process) and `chokepoint build` (spawned) measurements.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './stats.mjs';
import { run } from './proc.mjs';

export const ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
export const CLI = join(ROOT, 'bin', 'chokepoint.js');

// The slides `build` keeps between runs (src/node/build-cache.ts): forgotten before every build measured as a
// first build, so that a figure says what a build of a deck never built costs; a rebuild is measured apart.
const keptSlides = () => join(process.env.CHOKEPOINT_CACHE_DIR ?? join(ROOT, 'node_modules', '.cache', 'chokepoint'), 'build-slides');
export const forgetKeptSlides = () => rmSync(keptSlides(), { recursive: true, force: true });

/** The deck's Markdown files as the CLI orders them. */
export function deckFiles(dir) {
  return readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.md') && !n.startsWith('.'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((n) => join(dir, n));
}

/**
 * Compiles the deck in `dir` with `compileDeck` from lib/: one warm-up (kept as `firstMs`), then at
 * least `runs` times and for at least 0.5 s.
 * Files are read once beforehand: this measures Markdown to HTML, not the disk.
 */
export async function measureCompile(dir, runs) {
  const { compileDeck } = await import(join(ROOT, 'lib/compile/deck.js'));
  const inputs = deckFiles(dir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const host = {
    readText: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : null),
    assetUrl: (p) => (existsSync(p) ? p : null),
  };
  const once = () => {
    const t = performance.now();
    const deck = compileDeck(inputs, host);
    const ms = performance.now() - t;
    const errors = deck.issues.filter((i) => i.severity === 'error');
    if (errors.length) throw new Error(`compile errors: ${errors.map((e) => `${e.file}:${e.line}: ${e.message}`).join('; ')}`);
    return { ms, slides: deck.slides.length, htmlBytes: Buffer.byteLength(deck.html) };
  };
  const first = once();
  // Small decks compile in milliseconds: repeat for at least half a second so the median is steady.
  const times = [];
  const until = performance.now() + 500;
  while (times.length < runs || (performance.now() < until && times.length < 50)) times.push(once().ms);
  const ms = median(times);
  return { slides: first.slides, firstMs: first.ms, runsMs: times, medianMs: ms, slidesPerSecond: (first.slides / ms) * 1000, htmlBytes: first.htmlBytes };
}

/** Spawns `chokepoint build dir --out out` `runs` times (the runtime bundle is warm after the first run anywhere). */
export async function measureBuild(dir, out, runs, { cli = CLI, cwd = ROOT } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    forgetKeptSlides();
    const r = await run(process.execPath, [cli, 'build', dir, '--out', out], { cwd });
    if (r.code !== 0) throw new Error(`build failed (${r.code}): ${r.stderr || r.stdout}`);
    const reported = Number(r.stdout.match(/ in ([\d.]+) s/)?.[1]);
    results.push({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, peakMiB: r.rootPeakMiB, reportedSeconds: reported });
  }
  return {
    runs: results,
    medianSeconds: median(results.map((r) => r.seconds)),
    medianReportedSeconds: median(results.map((r) => r.reportedSeconds)),
    medianCpuSeconds: median(results.map((r) => r.cpuSeconds)),
    peakMiB: Math.max(...results.map((r) => r.peakMiB ?? 0)),
    medianPeakMiB: median(results.map((r) => r.peakMiB)),
  };
}

/**
 * The one-off cost of bundling the browser runtime, measured without touching the shared cache:
 * a throwaway copy of the package (lib, bin, src, assets, manifests) whose node_modules holds links
 * to the real packages but its own empty `.cache`. Returns cold and warm build seconds there.
 */
export async function measureColdRuntime(dir, tmp) {
  const pkg = join(tmp, 'pkg');
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(join(pkg, 'node_modules'), { recursive: true });
  for (const part of ['lib', 'bin', 'src', 'assets', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
  }
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === '.cache' || name === '.vite') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(pkg, 'node_modules', name));
  }
  const cli = join(pkg, 'bin', 'chokepoint.js');
  const out = join(tmp, 'cold-dist');
  const cold = await run(process.execPath, [cli, 'build', dir, '--out', out], { cwd: pkg });
  if (cold.code !== 0) throw new Error(`cold build failed (${cold.code}): ${cold.stderr || cold.stdout}`);
  const warm = [];
  for (let i = 0; i < 3; i++) warm.push(await run(process.execPath, [cli, 'build', dir, '--out', out], { cwd: pkg }));
  rmSync(pkg, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  const warmSeconds = median(warm.map((w) => w.seconds));
  const warmCpu = median(warm.map((w) => w.cpuSeconds));
  return {
    coldSeconds: cold.seconds,
    coldCpuSeconds: cold.cpuSeconds,
    coldPeakMiB: cold.rootPeakMiB,
    warmSeconds,
    warmCpuSeconds: warmCpu,
    runtimeBundleSeconds: cold.seconds - warmSeconds,
    runtimeBundleCpuSeconds: cold.cpuSeconds === null ? null : cold.cpuSeconds - warmCpu,
  };
}
