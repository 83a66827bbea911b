// Marp CLI, measured beside `chokepoint pdf` in the same run: installed on first use into
// tests/bench/.tools (ignored by git, outside the package), never into the project's node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, deckFiles } from './build.mjs';
import { run } from './proc.mjs';

export const MARP_VERSION = '4.5.1';
export const REVEAL_MD_VERSION = '6.1.4';
const TOOLS = join(ROOT, 'tests', 'bench', '.tools');

/** An npm CLI installed on first use into tests/bench/.tools/<dir>: its entry, or null with a reason. */
function tool(dir, pkg, version, entry) {
  const home = join(TOOLS, dir);
  const bin = join(home, 'node_modules', pkg, entry);
  const manifest = join(home, 'node_modules', pkg, 'package.json');
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === version) return { bin };
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'package.json'), '{ "name": "chokepoint-bench-tools", "private": true }\n');
  const r = spawnSync('npm', ['i', '-E', `${pkg}@${version}`, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: home, encoding: 'utf8' });
  return r.status === 0 && existsSync(bin)
    ? { bin }
    : { error: `npm could not install ${pkg}@${version}: ${(r.stderr || r.stdout).trim().split('\n').at(-1)}` };
}

/** The Marp CLI entry, installing it with npm when missing; null (with a reason) when that fails. */
export const marpCli = () => tool('marp', '@marp-team/marp-cli', MARP_VERSION, 'marp-cli.js');

/** reveal-md (issue 25's other build anchor), installed the same way. */
export const revealMd = () => tool('reveal-md', 'reveal-md', REVEAL_MD_VERSION, 'bin/reveal-md.js');

/**
 * The bench deck in Marp's dialect, one file: the same slides, `Note:` blocks as HTML comments (Marp's
 * presenter notes). Chart fences stay fenced code: Marp has no charts, so it prints their YAML instead.
 */
export function writeMarpDeck(dir, file) {
  const body = deckFiles(dir)
    .map((f) => readFileSync(f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
    .join('\n\n---\n\n');
  const withNotes = body
    .split(/\n---\n/)
    .map((slide) => slide.replace(/\nNote:\s*([\s\S]*)$/, (_, n) => `\n<!-- ${n.trim().replace(/--/g, '-')} -->\n`))
    .join('\n---\n');
  writeFileSync(file, `---\nmarp: true\ntitle: Benchmark deck\nsize: 16:9\n---\n\n${withNotes}`);
}

/** Spawns `marp --pdf` on the deck `runs` times, with the browser at `chromePath`: wall time, PSS peak of the tree, bytes. */
export async function measureMarpPdf(marp, md, pdf, runs, chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium') {
  const results = [];
  for (let i = 0; i < runs; i++) {
    rmSync(pdf, { force: true });
    const env = { ...process.env, CHROME_PATH: chromePath };
    const r = await run(process.execPath, [marp.bin, '--no-stdin', '--pdf', '--allow-local-files', md, '-o', pdf], {
      cwd: ROOT,
      env,
      tree: true,
      withPss: true,
    });
    if (r.code !== 0 || !existsSync(pdf)) throw new Error(`marp failed (${r.code}): ${r.stderr || r.stdout}`);
    results.push({
      seconds: r.seconds,
      cpuSeconds: r.cpuSeconds,
      treePssMiB: r.treePssMiB,
      treeRssMiB: r.treeRssMiB,
      processes: r.processes,
      atPeak: r.atPeak,
      bytes: statSync(pdf).size,
    });
  }
  return results;
}
