#!/usr/bin/env node
// `npm test`: compiles the CLI, runs every vitest suite (unit and real-browser), and ends with the
// `N passed, N failed` line that CI reads. `npm run test:unit` (`--unit`): tests/unit only, on the fast
// budget (tests/budget.ts: fewer property cases, smaller scale inputs), in under a minute.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const unit = argv[0] === '--unit';
if (unit) process.env.CHOKEPOINT_TEST_TIER = 'fast';
const filters = unit ? ['tests/unit', ...argv.slice(1)] : argv;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });
const start = (cmd, args) => new Promise((done) => spawn(cmd, args, { stdio: 'inherit', shell: false }).on('close', (status) => done({ status })));
// Type errors anywhere (src, runtime, tests) fail the run; lib/ is emitted for the CLI tests. The two are
// independent, so they run side by side (one core each).
const [typecheck, tsc] = await Promise.all([start('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']), start('npx', ['tsc', '-p', 'tsconfig.node.json'])]);
if (typecheck.status !== 0 || tsc.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'chokepoint-test-'));
const report = join(dir, 'vitest.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters];
const vitest = run('npx', args);
let passed = 0;
let failed = vitest.status === 0 ? 0 : 1;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  // A suite that fails to load has no failed tests of its own: count it, so a red run never says 0 failed.
  failed = json.numFailedTests || (vitest.status === 0 ? 0 : Math.max(1, json.numFailedTestSuites ?? 0));
} catch {
  // No report: vitest itself failed to start; the exit status says so.
}
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitest.status ?? 1);
