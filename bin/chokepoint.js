#!/usr/bin/env node
// Runs the compiled CLI from lib/. The published package ships lib/ prebuilt (`prepack`), so installing it runs
// no script; in a checkout of the repository, a run compiles lib/ when it is missing or older than a file in src/
// (after a `git pull`, `npm install` no longer compiles it, and a stale lib/ would run yesterday's code).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../lib/cli.js', import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const newestSource = (dir) => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return newest;
};
const checkout = existsSync(new URL('../tsconfig.node.json', import.meta.url)) && existsSync(new URL('../src', import.meta.url));
const stale = () => !existsSync(cli) || newestSource(fileURLToPath(new URL('../src', import.meta.url))) > statSync(cli).mtimeMs;
if (checkout && stale()) {
  console.error(
    existsSync(cli) ? 'chokepoint: src/ changed since lib/ was compiled: compiling lib/…' : 'chokepoint: compiling lib/ (first run in a checkout)…',
  );
  const { spawnSync } = await import('node:child_process');
  const tsc = spawnSync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.node.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status === 0) spawnSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!existsSync(cli)) {
  console.error('chokepoint: lib/ is missing: run `npm ci` and then `npm run compile` in the Chokepoint folder.');
  process.exit(2);
}
// `build` and `dev` run from one bundled script with cached bytecode when lib/cli-bundle.cjs is current (bin/bundled.js).
const command = process.argv[2];
const bundled = command === 'build' || command === 'dev' ? (await import('./bundled.js')).loadBundled(command) : undefined;
const { main } = bundled ?? (await import(cli.href));
// `dev` returns once it listens and calls `warm` when Vite is up; a build has run all it runs by now.
const code = await main(process.argv.slice(2), console, bundled?.done);
if (command !== 'dev') bundled?.done();
if (code !== 0) process.exit(code);
