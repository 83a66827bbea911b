// The order `npm test` hands files to its two workers: the longest first, so that no long file starts last
// while the other worker sits idle (on a fresh clone vitest has no timings and orders by file size, which put
// the talk's fidelity file, small and slow, at the very end). Each worker takes the next file when it is
// free, so longest-first keeps the two finishing together. Files not listed follow in vitest's own order.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds per file (import and hooks included) measured in one full run (tests/timing-reporter.ts writes them) on a busy
 * two-core machine: only their order matters. Refresh it when a file grows slow or fast.
 */
export const SECONDS: Record<string, number> = {
  'tests/browser/package.test.ts': 53,
  'tests/fidelity/probe.test.ts': 51,
  'tests/fidelity/talk.test.ts': 39,
  'tests/fidelity/pptx.test.ts': 30,
  'tests/unit/compile/robust.test.ts': 21,
  'tests/fidelity/mutations.test.ts': 18,
  'tests/browser/export-safety.test.ts': 17,
  'tests/fidelity/light.test.ts': 17,
  'tests/browser/export-scale.test.ts': 14,
  'tests/browser/export-talk.test.ts': 13,
  'tests/unit/compile/chart-limits.test.ts': 13,
  'tests/browser/pptx.test.ts': 11,
  'tests/browser/present.test.ts': 11,
  'tests/unit/charts/scale.test.ts': 11,
  'tests/browser/speaker.test.ts': 10,
  'tests/browser/console.test.ts': 9,
  'tests/browser/export-cli.test.ts': 9,
  'tests/browser/file.test.ts': 7,
  'tests/browser/dev.test.ts': 7,
  'tests/browser/console-view.test.ts': 7,
  'tests/browser/export.test.ts': 7,
  'tests/browser/uncounted.test.ts': 6,
  'tests/browser/active-content.test.ts': 6,
  'tests/browser/png-out.test.ts': 5,
  'tests/browser/check.test.ts': 5,
};

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    const seconds = (f: TestSpecification) => SECONDS[relative(root, f.moduleId).split('\\').join('/')] ?? 0;
    // Array.prototype.sort is stable: unlisted files keep vitest's order among themselves.
    return base.sort((a, b) => seconds(b) - seconds(a));
  }
}
