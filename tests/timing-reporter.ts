// A vitest reporter that writes each test file's seconds (import, hooks and tests) to TIMING_OUT (default
// timings.json in the system's temporary folder), longest first: what tests/sequencer.ts's table is made from.
//   npx vitest run --reporter=default --reporter=./tests/timing-reporter.ts
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class TimingReporter implements Reporter {
  private readonly seconds: Record<string, number> = {};

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    const file = relative(process.cwd(), module.moduleId).split('\\').join('/');
    this.seconds[file] = Math.round((d.collectDuration + d.duration) / 100) / 10;
  }

  onTestRunEnd(): void {
    const sorted = Object.entries(this.seconds).sort((a, b) => b[1] - a[1]);
    const out = process.env.TIMING_OUT ?? join(tmpdir(), 'timings.json');
    writeFileSync(out, `${JSON.stringify(Object.fromEntries(sorted), null, 2)}\n`);
    const total = sorted.reduce((n, [, s]) => n + s, 0);
    console.log(`timings: ${sorted.length} files, ${total.toFixed(0)} s in all (${(total / 2).toFixed(0)} s over two workers), in ${out}`);
  }
}
