// Marp CLI, measured beside `chokepoint pdf` in the same run: installed on first use into
// tests/bench/.tools (ignored by git, outside the package), never into the project's node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, deckFiles } from './build.mjs';
import { run } from './proc.mjs';

export const MARP_VERSION = '4.5.1';
const TOOLS = join(ROOT, 'tests', 'bench', '.tools', 'marp');
const BIN = join(TOOLS, 'node_modules', '@marp-team', 'marp-cli', 'marp-cli.js');

/** The Marp CLI entry, installing it with npm when missing; null (with a reason) when that fails. */
export function marpCli() {
  const pkg = join(TOOLS, 'node_modules', '@marp-team', 'marp-cli', 'package.json');
  if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === MARP_VERSION) return { bin: BIN };
  mkdirSync(TOOLS, { recursive: true });
  writeFileSync(join(TOOLS, 'package.json'), '{ "name": "chokepoint-bench-tools", "private": true }\n');
  const r = spawnSync('npm', ['i', '-E', `@marp-team/marp-cli@${MARP_VERSION}`, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: TOOLS, encoding: 'utf8' });
  return r.status === 0 && existsSync(BIN) ? { bin: BIN } : { error: `npm could not install @marp-team/marp-cli@${MARP_VERSION}: ${(r.stderr || r.stdout).trim().split('\n').at(-1)}` };
}

/**
 * The bench deck in Marp's dialect, one file: the same slides, `Note:` blocks as HTML comments (Marp's
 * presenter notes). Chart fences stay fenced code: Marp has no charts, so it prints their YAML instead.
 */
export function writeMarpDeck(dir, file) {
  const body = deckFiles(dir).map((f) => readFileSync(f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n---\n\n');
  const withNotes = body.split(/\n---\n/).map((slide) => slide.replace(/\nNote:\s*([\s\S]*)$/, (_, n) => `\n<!-- ${n.trim().replace(/--/g, '-')} -->\n`)).join('\n---\n');
  writeFileSync(file, `---\nmarp: true\ntitle: Benchmark deck\nsize: 16:9\n---\n\n${withNotes}`);
}

/** Spawns `marp --pdf` on the deck `runs` times, with the browser at `chromePath`: wall time, PSS peak of the tree, bytes. */
export async function measureMarpPdf(marp, md, pdf, runs, chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium') {
  const results = [];
  for (let i = 0; i < runs; i++) {
    rmSync(pdf, { force: true });
    const env = { ...process.env, CHROME_PATH: chromePath };
    const r = await run(process.execPath, [marp.bin, '--no-stdin', '--pdf', '--allow-local-files', md, '-o', pdf], { cwd: ROOT, env, tree: true, withPss: true });
    if (r.code !== 0 || !existsSync(pdf)) throw new Error(`marp failed (${r.code}): ${r.stderr || r.stdout}`);
    results.push({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, treePssMiB: r.treePssMiB, treeRssMiB: r.treeRssMiB, processes: r.processes, atPeak: r.atPeak, bytes: statSync(pdf).size });
  }
  return results;
}
