// Probe: the memory of one `chokepoint pdf` (or Marp) run over time, by process kind (PSS, MiB), beside the lines
// the command prints, to see which step the peak is in and which process grows:
//   node tests/bench/probes/pdf-timeline.mjs [--deck bench|text] [--slides 300] [--marp] [--every 100] [--bin path]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../build.mjs';
import { writeDeck } from '../deck.mjs';
import { marpCli, writeMarpDeck } from '../marp.mjs';
import { readFileSync } from 'node:fs';
import { kind, pss, tree } from '../proc.mjs';

/** With --split: PSS as anonymous/file/shared-memory parts (MiB), from smaps_rollup. */
const split = (pid) => {
  try {
    const t = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return ['Anon', 'File', 'Shmem'].map((k) => Number(t.match(new RegExp(`^Pss_${k}:\\s+(\\d+)`, 'm'))?.[1] ?? 0) / 1024);
  } catch {
    return [0, 0, 0];
  }
};

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const slides = Number(opt('slides', '300'));
const every = Number(opt('every', '100'));
const tmp = mkdtempSync(join(tmpdir(), 'pdf-timeline-'));
const dir = join(tmp, 'deck');
const files = writeDeck(dir, slides, opt('deck', 'bench') === 'text' ? { plain: true } : {});
// --size WxH: another slide size (front matter `size`), e.g. Marp's default 1280x720.
if (opt('size')) writeFileSync(files[0], readFileSync(files[0], 'utf8').replace('\n---\n', `\nsize: ${opt('size')}\n---\n`));
const { findBrowser } = await import(join(ROOT, 'lib', 'browser', 'browser.js'));
let cmd;
if (args.includes('--marp')) {
  const md = join(tmp, 'marp.md');
  writeMarpDeck(dir, md);
  cmd = [marpCli().bin, '--no-stdin', '--pdf', '--allow-local-files', md, '-o', join(tmp, 'out.pdf')];
} else cmd = [opt('bin', CLI), 'pdf', dir, '--out', join(tmp, 'out.pdf')];
const started = performance.now();
const child = spawn(process.execPath, cmd, { env: { ...process.env, CHROME_PATH: findBrowser() }, stdio: ['ignore', 'pipe', 'pipe'] });
const ms = () => String(Math.round(performance.now() - started)).padStart(6);
const print = (d) => {
  for (const l of String(d).split(/\r|\n/)) if (l.trim()) console.log(`${ms()}  | ${l.trim()}`);
};
child.stdout.on('data', print);
child.stderr.on('data', print);
let peak = 0;
const timer = setInterval(() => {
  const by = {};
  const parts = {};
  for (const p of tree(child.pid)) {
    const k = kind(p).replace(/^chromium(-headless-shell)?:?/, '') || 'browser';
    by[k] = (by[k] ?? 0) + pss(p) / 2 ** 20;
    if (args.includes('--split')) parts[k] = split(p).map((x, i) => x + (parts[k]?.[i] ?? 0));
  }
  const total = Object.values(by).reduce((a, b) => a + b, 0);
  peak = Math.max(peak, total);
  console.log(
    `${ms()}  ${total.toFixed(0).padStart(4)}  ${Object.entries(by)
      .map(([k, v]) => `${k} ${v.toFixed(0)}${parts[k] ? `(${parts[k].map((x) => x.toFixed(0)).join('/')})` : ''}`)
      .join(', ')}`,
  );
}, every);
child.on('close', (code) => {
  clearInterval(timer);
  console.log(`${ms()}  exit ${code}, peak ${peak.toFixed(0)} MiB`);
  rmSync(tmp, { recursive: true, force: true });
});
