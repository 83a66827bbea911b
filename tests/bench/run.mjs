#!/usr/bin/env node
// `npm run bench`: compiles lib/, generates decks of 25, 300 and 1,000 slides in a temporary folder
// and measures compile, build, dev server, PDF/PNG export (when the CLI has them) and what a built
// deck ships; also the real talk in slides/. Prints a Markdown table, writes bench-results.json.
//
//   node tests/bench/run.mjs [--quick] [--runs N] [--vs-runs N] [--sizes 25,300,1000]
//                            [--skip dev,pdf,png,talk,cold,dist,marp,anchors,followers,present]
//                            [--out bench-results.json] [--keep] [--quiet SECONDS]
// Issue 25: the PDF beside Marp (also on a plain 300-slide text deck), `build` beside Marp and reveal-md,
// and `present` with 1,000 and 5,000 followers; --vs-runs (default 5) alternating runs for those.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deckFiles, measureBuild, measureColdRuntime, measureCompile, ROOT } from './build.mjs';
import { writeDeck } from './deck.mjs';
import { measureDev, measurePreview } from './dev.mjs';
import { measureDist, measureNodeModules } from './dist.mjs';
import { MARP_VERSION, REVEAL_MD_VERSION } from './marp.mjs';
import { measureBuildVsAnchors } from './anchors.mjs';
import { measureFollowerScale } from './followers.mjs';
import { measureVsMarp } from './vs-marp.mjs';
import { cliCommands, measurePdf, measurePng } from './export.mjs';
import { pdfAnatomy } from './pdf-anatomy.mjs';
import { fitLine } from './stats.mjs';
import { machineBusy, othersCpu, waitForQuiet } from './proc.mjs';
import { renderReport, targets } from './report.mjs';

const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'vs-runs': { type: 'string' },
    sizes: { type: 'string', default: '25,300,1000' },
    skip: { type: 'string', default: '' },
    out: { type: 'string', default: join(ROOT, 'bench-results.json') },
    keep: { type: 'boolean', default: false },
    quiet: { type: 'string', default: '10' },
  },
});
const runs = opts.runs ? Number(opts.runs) : opts.quick ? 1 : 3;
const vsRuns = opts['vs-runs'] ? Number(opts['vs-runs']) : opts.quick ? 1 : 5;
const sizes = opts.sizes
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const skip = new Set(opts.skip.split(',').filter(Boolean));
const log = (s) => process.stderr.write(`${s}\n`);
const began = performance.now();
// Others may share the machine: the 1/5/15-minute load averages go into the results.
const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
const stamp = () => `${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s`;
// Before each step, wait (up to --quiet seconds, 0 to skip; at most 60 s in all) for other work on the
// machine to calm down. A step during which other work kept more than half a core busy is measured
// once more (while a 40 s retry budget lasts) and the less disturbed result kept. What others used is
// kept with the results, so a reader can tell a slow machine from a slow Chokepoint.
let quietBudget = 60_000;
let retryBudget = opts.quick ? 0 : 40_000;
const conditions = {};
const attempt = async (name, fn) => {
  const t = performance.now();
  const busy = Number(opts.quiet) > 0 && quietBudget > 0 ? await waitForQuiet(Math.min(Number(opts.quiet) * 1000, quietBudget)) : await machineBusy(200);
  quietBudget -= performance.now() - t;
  log(`${stamp()}  ${name}  (machine ${(busy * 100).toFixed(0)}% busy before it, load ${loadavg()[0].toFixed(1)})`);
  const others = othersCpu();
  const started = performance.now();
  let result;
  try {
    result = await fn();
  } catch (e) {
    log(`         ${name} failed: ${e.message}`);
    result = { error: e.message.split('\n')[0] };
  }
  const cores = others.stop();
  if (cores > 0.3) log(`         (others kept ${cores.toFixed(1)} of ${cpus().length} cores busy during it)`);
  return { result, busy, cores, ms: performance.now() - started };
};
const step = async (name, fn) => {
  let best = await attempt(name, fn);
  let tries = 1;
  while (best.cores > 0.5 && !best.result?.error && retryBudget > best.ms && tries < 2 && !name.includes('warm-up')) {
    retryBudget -= best.ms;
    tries++;
    const again = await attempt(`${name} (again: others were busy)`, fn);
    if (again.cores < best.cores && !again.result?.error) best = again;
  }
  conditions[name] = { busyBefore: Number(best.busy.toFixed(2)), othersCores: Number(best.cores.toFixed(2)), tries };
  return best.result;
};

// lib/ is what the CLI runs: compile it first, as `npm test` does, then bundle its `build` path as `npm run compile`
// and the published package do (scripts/bundle-cli.mjs).
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'inherit' });
if (tsc.status !== 0) {
  if (!existsSync(join(ROOT, 'lib/cli.js'))) process.exit(1);
  log('tsc reported errors (work in progress elsewhere?); benchmarking the lib/ it emitted anyway');
}
if (spawnSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0)
  log('bundle-cli failed: `build` runs from lib/ unbundled');

const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-bench-'));
const commands = cliCommands();
const results = {
  date: new Date().toISOString(),
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
  dirty: spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '',
  machine: machine(),
  runs,
  vsRuns,
  commands,
  notes: [],
  sizes: {},
};

let browser;
try {
  const { launchBrowser } = await import(join(ROOT, 'lib/browser/browser.js'));
  const needsBrowser = !skip.has('dev') || !skip.has('dist') || !skip.has('talk');
  browser = needsBrowser ? await launchBrowser() : undefined;

  for (const n of sizes) {
    const dir = join(tmp, `deck-${n}`);
    const files = writeDeck(dir, n);
    const r = (results.sizes[n] = { slides: n, files: files.length });
    r.compile = await step(`compile ${n} slides`, () => measureCompile(dir, Math.max(runs, 3)));
    r.build = await step(`build ${n} slides`, () => measureBuild(dir, join(tmp, `dist-${n}`), runs));
    if (!skip.has('dev') && n <= 300) {
      // One unmeasured session first, so the first measured one does not pay for a cold disk cache.
      await step(`dev ${n} slides (warm-up)`, () => measureDev(browser, dir, files[0], 1, 0));
      r.dev = await step(`dev ${n} slides`, () => measureDev(browser, dir, files[0], runs, 5));
      // Again, each session starting on the deck as the one before left it: slide 1 from the page `dev` kept.
      await step(`dev ${n} slides, page kept (warm-up)`, () => measureDev(browser, dir, files[0], 1, 0, { kept: true }));
      r.devKept = await step(`dev ${n} slides, page kept`, () => measureDev(browser, dir, files[0], runs, 5, { kept: true }));
      if (r.build?.medianSeconds) r.preview = await step(`preview of the built ${n} slides`, () => measurePreview(browser, join(tmp, `dist-${n}`), runs));
    }
    if (!skip.has('pdf')) {
      if (commands.includes('pdf')) {
        const pdfRuns = n >= 1000 ? 1 : runs;
        r.pdf = await step(`pdf ${n} slides`, () => measurePdf(dir, join(tmp, `deck-${n}.pdf`), pdfRuns, n));
      } else r.pdf = { skipped: 'no `pdf` command in `chokepoint --help` yet' };
    }
    // PNG is one screenshot per slide (~¼ s each here): the smallest deck gives the per-slide cost.
    if (!skip.has('png') && n === sizes[0]) {
      if (commands.includes('png')) r.png = await step(`png ${n} slides`, () => measurePng(dir, join(tmp, `png-${n}`), 1, n));
      else r.png = { skipped: 'no `png` command in `chokepoint --help` yet' };
    }
  }

  // Bytes per text-only page: the PDF growth from 25 to 300 text-only slides, so the fonts and
  // the first page's fixed cost do not count.
  if (!skip.has('pdf') && commands.includes('pdf')) {
    results.textOnlyPdf = await step('pdf text-only 25 and 300 slides', async () => {
      const out = {};
      for (const n of [25, 300]) {
        const dir = join(tmp, `text-${n}`);
        writeDeck(dir, n, { textOnly: true });
        out[n] = await measurePdf(dir, join(tmp, `text-${n}.pdf`), 1, n);
      }
      const added = out[300].pages - out[25].pages;
      const marginal = (out[300].bytes - out[25].bytes) / added;
      // Which objects the added pages are made of: page content streams, tagged-PDF structure, ...
      const [a, b] = [pdfAnatomy(join(tmp, 'text-25.pdf')), pdfAnatomy(join(tmp, 'text-300.pdf'))];
      const perAddedPage = Object.fromEntries(Object.keys(a.sizes).map((k) => [k, (b.sizes[k] - a.sizes[k]) / added]));
      return {
        bytes25: out[25].bytes,
        pages25: out[25].pages,
        bytes300: out[300].bytes,
        pages300: out[300].pages,
        marginalBytesPerPage: marginal,
        perAddedPage,
      };
    });
  }

  // Issue #14: the same decks through Marp CLI (installed on first use into tests/bench/.tools), alternating
  // with ours in one step, so both see the same machine. Issue 25 adds a plain text deck of 300 slides.
  if (!skip.has('pdf') && !skip.has('marp') && commands.includes('pdf')) {
    const decks = [25, 300].filter((n) => sizes.includes(n)).map((n) => ({ key: String(n), n, label: `${n} slides` }));
    decks.push({ key: 'text300', n: 300, deck: { plain: true }, label: '300 text slides' });
    const vs = await step(`pdf beside Marp CLI ${MARP_VERSION} (${decks.map((d) => d.label).join(', ')}; ${vsRuns} runs)`, () =>
      measureVsMarp(tmp, decks, vsRuns),
    );
    results.vsMarp = vs && !vs.error && !vs.skipped ? { version: MARP_VERSION, runs: vsRuns, ...vs } : vs;
  }

  // Issue 25: `build` at a third of the best anchor, the anchors measured in the same step.
  if (!skip.has('anchors')) {
    const decks = [25, 300].filter((n) => sizes.includes(n)).map((n) => ({ key: String(n), n }));
    const a = await step(
      `build beside Marp CLI ${MARP_VERSION} and reveal-md ${REVEAL_MD_VERSION} (${decks.map((d) => d.n).join(', ')} slides; ${vsRuns} runs)`,
      () => measureBuildVsAnchors(tmp, decks, vsRuns),
    );
    results.buildVsAnchors = a && !a.error && !a.skipped ? { marp: MARP_VERSION, revealMd: REVEAL_MD_VERSION, runs: vsRuns, ...a } : a;
  }

  // Issue 25: `present` with 1,000 and 5,000 audience sockets on loopback (clients on the same cores).
  if (!skip.has('followers')) {
    const dir = join(tmp, `deck-${sizes[0] ?? 25}`);
    if (!existsSync(dir)) writeDeck(dir, 25);
    results.followers = await step('present: 1,000 and 5,000 followers', () => measureFollowerScale(dir, log));
  }

  if (!skip.has('cold')) {
    const dir = join(tmp, `deck-${sizes[0] ?? 25}`);
    if (!existsSync(dir)) writeDeck(dir, 25);
    results.coldRuntime = await step('cold runtime bundle (throwaway package copy)', () => measureColdRuntime(dir, tmp));
  }

  if (!skip.has('dist')) {
    const n = sizes.includes(300) ? 300 : sizes[0];
    const dist = join(tmp, `dist-${n}`);
    results.dist = await step(`dist of the ${n}-slide build`, async () => ({ slides: n, ...(await measureDist(browser, dist)) }));
    results.nodeModules = await step('node_modules size', () => measureNodeModules());
  }

  if (!skip.has('talk')) {
    // A copy, so a hot-update edit never races another engineer editing slides/.
    const dir = join(tmp, 'talk');
    cpSync(join(ROOT, 'slides'), dir, { recursive: true });
    const t = (results.talk = {});
    const c = await step('compile the talk', () => measureCompile(dir, Math.max(runs, 3)));
    t.slides = c.slides;
    t.compile = c;
    t.build = await step('build the talk', () => measureBuild(dir, join(tmp, 'dist-talk'), runs));
    if (!skip.has('dev')) {
      await step('dev the talk (warm-up)', () => measureDev(browser, dir, deckFiles(dir)[0], 1, 0));
      t.dev = await step('dev the talk', () => measureDev(browser, dir, deckFiles(dir)[0], runs, 5));
      await step('dev the talk, page kept (warm-up)', () => measureDev(browser, dir, deckFiles(dir)[0], 1, 0, { kept: true }));
      t.devKept = await step('dev the talk, page kept', () => measureDev(browser, dir, deckFiles(dir)[0], runs, 5, { kept: true }));
      if (t.build?.medianSeconds) t.preview = await step('preview of the built talk', () => measurePreview(browser, join(tmp, 'dist-talk'), runs));
    }
    if (!skip.has('pdf')) {
      t.pdf = commands.includes('pdf')
        ? await step('pdf the talk', () => measurePdf(dir, join(tmp, 'talk.pdf'), runs, t.slides))
        : { skipped: 'no `pdf` command yet' };
    }
    if (!skip.has('png') && commands.includes('png')) t.png = await step('png the talk', () => measurePng(dir, join(tmp, 'png-talk'), 1, t.slides));
    if (!skip.has('present'))
      t.present = await step('present the talk: sync latency, single file', async () => (await import('./present.mjs')).measurePresent(browser, dir, tmp));
  }
} finally {
  await browser?.close();
  if (!opts.keep) rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
}

// Cost per slide: least squares over the sizes' medians.
const fit = (pick) => {
  const pts = sizes.map((n) => [n, pick(results.sizes[n])]).filter(([, y]) => typeof y === 'number');
  const line = pts.length >= 2 ? fitLine(pts) : null;
  return line && { interceptSeconds: line.intercept, msPerSlide: line.slope * 1000, r2: line.r2, points: pts };
};
results.fits = {
  build: fit((s) => s?.build?.medianSeconds),
  pdf: fit((s) => s?.pdf?.medianSeconds),
};
if (!commands.includes('pdf')) results.notes.push('PDF/PNG: `chokepoint pdf`/`png` are not in the CLI yet; measured code is ready in tests/bench/export.mjs.');
results.machine.steps = conditions;
const measured = Object.values(conditions).map((c) => c.othersCores);
results.machine.othersCoresMedian = measured.length ? [...measured].sort((a, b) => a - b)[measured.length >> 1] : null;
results.machine.othersCoresMax = measured.length ? Math.max(...measured) : null;
results.machine.loadAverage = { atStart: loadAtStart, atEnd: loadavg().map((x) => Number(x.toFixed(2))) };
results.targets = targets(results);
results.seconds = (performance.now() - began) / 1000;

writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(renderReport(results));
log(`${stamp()}  done; wrote ${opts.out}`);

function machine() {
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim();
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    os: `${process.platform} ${process.arch}`,
    node: process.version,
    chromium: chromium || null,
    median: 'of runs; first dev session discarded as warm-up',
  };
}
