// Probe: `chokepoint pdf` variants beside Marp CLI given our browser, alternating runs on one deck, so a change
// to the export can be judged by peak PSS of the process tree, CPU (user + system, reaped children included)
// and wall time, medians of the runs:
//   node tests/bench/probes/pdf-ab.mjs [--deck bench|text] [--slides 300] [--runs 5] [--no-marp]
//     [--variant name=/path/to/bin/chokepoint.js[,ENV=value...]]...
// Without --variant: this checkout's CLI as `ours`. A variant's ENV pairs are set for its runs only (e.g. to try a
// flag behind an environment switch). Also prints, per variant, which processes held the memory at the peak.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../build.mjs';
import { writeDeck } from '../deck.mjs';
import { marpCli, writeMarpDeck } from '../marp.mjs';
import { run } from '../proc.mjs';
import { median } from '../stats.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const deckKind = opt('deck', 'bench');
const slides = Number(opt('slides', '300'));
const runs = Number(opt('runs', '5'));
const variants = args
  .flatMap((a, i) => (a === '--variant' ? [args[i + 1]] : []))
  .map((spec) => {
    const [name, rest] = spec.split(/=(.*)/s);
    const [bin, ...pairs] = rest.split(/,(?=[A-Z_][A-Z0-9_]*=)/);
    return { name, bin, env: Object.fromEntries(pairs.map((p) => p.split(/=(.*)/s))) };
  });
if (variants.length === 0) variants.push({ name: 'ours', bin: CLI, env: {} });

const { findBrowser } = await import(join(ROOT, 'lib', 'browser', 'browser.js'));
const browser = findBrowser();
const tmp = mkdtempSync(join(tmpdir(), 'pdf-ab-'));
const dir = join(tmp, 'deck');
writeDeck(dir, slides, deckKind === 'text' ? { plain: true } : {});
const md = join(tmp, 'marp.md');
writeMarpDeck(dir, md);
const marp = args.includes('--no-marp') ? null : marpCli();
if (marp?.error) throw new Error(marp.error);

const pages = (file) => Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)?.[1]);

async function once(v) {
  const out = join(tmp, `${v.name}.pdf`);
  rmSync(out, { force: true });
  const marpRun = v.name === 'marp';
  const [cmd, argv, env] = marpRun
    ? [process.execPath, [marp.bin, '--no-stdin', '--pdf', '--allow-local-files', md, '-o', out], { ...process.env, CHROME_PATH: browser }]
    : [process.execPath, [v.bin, 'pdf', dir, '--out', out], { ...process.env, ...v.env }];
  const r = await run(cmd, argv, { cwd: ROOT, env, tree: true, withPss: true });
  if (r.code !== 0 || !existsSync(out)) throw new Error(`${v.name} failed (${r.code}): ${r.stderr || r.stdout}`);
  return { seconds: r.seconds, cpu: r.cpuSeconds, pss: r.treePssMiB, anon: r.treeAnonPssMiB, atPeak: r.atPeak, bytes: statSync(out).size, pages: pages(out) };
}

const all = [...variants, ...(marp ? [{ name: 'marp' }] : [])];
const results = new Map(all.map((v) => [v.name, []]));
// One unmeasured run each: a cold disk cache, and the runtime bundle a fresh checkout builds once.
for (const v of all) await once(v);
for (let i = 0; i < runs; i++) {
  for (const v of all) {
    const r = await once(v);
    results.get(v.name).push(r);
    console.log(
      `run ${i + 1} ${v.name.padEnd(10)} ${r.seconds.toFixed(2)} s  cpu ${r.cpu?.toFixed(2)} s  pss ${r.pss.toFixed(0)} MiB (anon ${r.anon.toFixed(0)})  ${r.pages} pages ${(r.bytes / 1024).toFixed(0)} KiB`,
    );
  }
}
const byKind = (list) => {
  // Summed by kind within a run (Marp runs several renderers), then the median over the runs.
  const sums = {};
  list.forEach((r, i) => {
    for (const p of r.atPeak) {
      const xs = (sums[p.kind.replace(/^chromium(-headless-shell)?:?/, '') || 'browser'] ??= list.map(() => [0, 0]));
      xs[i][0] += p.pssMiB;
      xs[i][1] += p.anonMiB;
    }
  });
  return Object.entries(sums)
    .map(([k, xs]) => `${k} ${median(xs.map((x) => x[0]))} (anon ${median(xs.map((x) => x[1]))})`)
    .join(', ');
};
console.log(`\n${deckKind} deck, ${slides} slides, ${runs} alternating runs, medians; browser ${browser}`);
const ref = results.get('marp');
for (const [name, list] of results) {
  const m = {
    s: median(list.map((r) => r.seconds)),
    cpu: median(list.map((r) => r.cpu)),
    pss: median(list.map((r) => r.pss)),
    anon: median(list.map((r) => r.anon)),
  };
  const ratio =
    ref && name !== 'marp'
      ? `  / marp: time ${(m.s / median(ref.map((r) => r.seconds))).toFixed(2)} cpu ${(m.cpu / median(ref.map((r) => r.cpu))).toFixed(2)} pss ${(m.pss / median(ref.map((r) => r.pss))).toFixed(2)} anon ${(m.anon / median(ref.map((r) => r.anon))).toFixed(2)}`
      : '';
  console.log(`${name.padEnd(10)} ${m.s.toFixed(2)} s  cpu ${m.cpu.toFixed(2)} s  pss ${m.pss.toFixed(0)} MiB anon ${m.anon.toFixed(0)} MiB${ratio}`);
  console.log(`           at peak (PSS MiB): ${byKind(list)}`);
}
rmSync(tmp, { recursive: true, force: true });
