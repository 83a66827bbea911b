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
  'tests/browser/package.test.ts': 142,
  'tests/unit/compile/robust.test.ts': 125,
  'tests/fidelity/talk.test.ts': 120,
  'tests/fidelity/probe.test.ts': 115,
  'tests/fidelity/pptx.test.ts': 80,
  'tests/browser/export-safety.test.ts': 61,
  'tests/fidelity/mutations.test.ts': 57,
  'tests/fidelity/light.test.ts': 53,
  'tests/browser/export-talk.test.ts': 46,
  'tests/browser/pptx.test.ts': 35,
  'tests/browser/export-scale.test.ts': 29,
  'tests/browser/present.test.ts': 27,
  'tests/browser/export-cli.test.ts': 27,
  'tests/browser/speaker.test.ts': 18,
  'tests/browser/layouts.test.ts': 17,
  'tests/browser/dev.test.ts': 17,
  'tests/browser/png-out.test.ts': 16,
  'tests/browser/check.test.ts': 16,
  'tests/browser/console-view.test.ts': 16,
  'tests/browser/console.test.ts': 14,
  'tests/browser/uncounted.test.ts': 14,
  'tests/browser/file.test.ts': 14,
  'tests/browser/export-static.test.ts': 13,
  'tests/browser/export.test.ts': 12,
  'tests/browser/chart-emphasis-export.test.ts': 12,
  'tests/browser/full-disk.test.ts': 12,
  'tests/browser/check-overlap.test.ts': 12,
  'tests/unit/node/build-interrupt.test.ts': 11,
  'tests/browser/active-content.test.ts': 11,
  'tests/browser/charts.test.ts': 11,
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
