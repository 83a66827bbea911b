#!/usr/bin/env node
// Runs the compiled CLI from lib/ (npm install compiles it; `npm run prepare` does it again after edits).
import { existsSync } from 'node:fs';

const cli = new URL('../lib/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('chokepoint: lib/ is missing: run `npm install` (or `npm run prepare`) in the Chokepoint folder first.');
  process.exit(2);
}
const { main } = await import(cli.href);
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
