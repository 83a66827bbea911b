#!/usr/bin/env node
// Runs the compiled CLI from lib/. The published package ships lib/ prebuilt (`prepack`), so installing it runs
// no script; in a checkout of the repository, the first run compiles lib/ (`npm run compile` does it again after edits).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../lib/cli.js', import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(cli) && existsSync(new URL('../tsconfig.node.json', import.meta.url))) {
  console.error('chokepoint: compiling lib/ (first run in a checkout)…');
  spawnSync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.node.json'], { cwd: root, stdio: 'inherit' });
}
if (!existsSync(cli)) {
  console.error('chokepoint: lib/ is missing: run `npm ci` and then `npm run compile` in the Chokepoint folder.');
  process.exit(2);
}
const { main } = await import(cli.href);
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
