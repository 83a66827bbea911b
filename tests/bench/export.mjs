// `chokepoint pdf` and `chokepoint png`, when the CLI has them: wall time (build included), peak
// memory of node plus Chromium, bytes per page, time per slide.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from './build.mjs';
import { run } from './proc.mjs';
import { median } from './stats.mjs';

/** The commands `chokepoint --help` lists, e.g. ['dev', 'build', 'preview', 'pdf']. */
export function cliCommands() {
  const help = execFileSync(process.execPath, [CLI, '--help'], { cwd: ROOT, encoding: 'utf8' });
  const block = help.split(/\n\s*\n/).find((b) => /^Commands:/m.test(b)) ?? '';
  return [...block.matchAll(/^\s{2}(\w+)\b/gm)].map((m) => m[1]);
}

function pdfPages(file) {
  try {
    return Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)?.[1]);
  } catch {
    return null;
  }
}

/** Spawns `chokepoint pdf dir --out file` `runs` times. */
export async function measurePdf(dir, file, runs, slides) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    rmSync(file, { force: true });
    const r = await run(process.execPath, [CLI, 'pdf', dir, '--out', file], { cwd: ROOT, tree: true, withPss: true });
    if (r.code !== 0 || !existsSync(file)) throw new Error(`pdf failed (${r.code}): ${r.stderr || r.stdout}`);
    const bytes = statSync(file).size;
    const pages = pdfPages(file);
    // `lines`: each line the command printed (its progress phases) with the ms since spawn.
    results.push({
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      treeRssMiB: r.treeRssMiB,
      treePssMiB: r.treePssMiB,
      sumHwmMiB: r.sumHwmMiB,
      nodePeakMiB: r.rootPeakMiB,
      processes: r.processes,
      atPeak: r.atPeak,
      lines: r.lines,
      bytes,
      pages,
    });
  }
  const seconds = median(results.map((r) => r.seconds));
  const last = results.at(-1);
  return {
    runs: results,
    medianSeconds: seconds,
    medianCpuSeconds: median(results.map((r) => r.cpuSeconds)),
    msPerSlide: (seconds / slides) * 1000,
    peakTreeRssMiB: Math.max(...results.map((r) => r.treeRssMiB)),
    peakTreePssMiB: Math.max(...results.map((r) => r.treePssMiB ?? 0)),
    bytes: last.bytes,
    pages: last.pages,
    bytesPerPage: last.pages ? last.bytes / last.pages : null,
  };
}

/** Spawns `chokepoint png dir --out folder` once per run; time per slide and PNG bytes. */
export async function measurePng(dir, outDir, runs, slides) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    rmSync(outDir, { recursive: true, force: true });
    const r = await run(process.execPath, [CLI, 'png', dir, '--out', outDir], { cwd: ROOT, tree: true });
    if (r.code !== 0) throw new Error(`png failed (${r.code}): ${r.stderr || r.stdout}`);
    const pngs = existsSync(outDir) ? readdirSync(outDir, { recursive: true }).filter((n) => String(n).endsWith('.png')) : [];
    const bytes = pngs.reduce((s, n) => s + statSync(join(outDir, String(n))).size, 0);
    results.push({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, treeRssMiB: r.treeRssMiB, images: pngs.length, bytes });
  }
  const seconds = median(results.map((r) => r.seconds));
  const last = results.at(-1);
  return {
    runs: results,
    medianSeconds: seconds,
    msPerSlide: (seconds / slides) * 1000,
    peakTreeRssMiB: Math.max(...results.map((r) => r.treeRssMiB)),
    images: last.images,
    kibPerImage: last.images ? last.bytes / last.images / 1024 : null,
  };
}
