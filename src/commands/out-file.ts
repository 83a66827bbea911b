import { existsSync, statSync } from 'node:fs';
import { BrowserError } from '../browser/browser-errors.ts';
import { formatIssue } from '../compile/errors.ts';
import { foreignOutProblem } from '../export/out-guard.ts';
import { fileSpec, formatSpec, type OutFormat } from './format-table.ts';
import { displayPath } from '../node/display-path.ts';
import type { Out } from './terminal.ts';

/**
 * The pre-flight every single-file export shares: `--out` must not be a folder (2, usage), nor an existing file of
 * another kind unless `--force` (1). Undefined when the export may go ahead.
 */
export function outFileRefusal(file: string, format: OutFormat, input: string, force: boolean | undefined, out: Out): number | undefined {
  if (existsSync(file) && statSync(file).isDirectory()) {
    out.error(
      `chokepoint: --out ${file} is a folder; give ${fileSpec(format).fileName}, e.g. --out ${displayPath(`${file.replace(/[\\/]+$/, '')}/${formatSpec(format).defaultOut}`)}`,
    );
    return 2;
  }
  const clash = force ? undefined : foreignOutProblem(file, format, input);
  if (clash) {
    out.error(formatIssue(clash));
    return 1;
  }
  return undefined;
}

/** What every export prints when it throws: the browser's own words, or "export failed"; exit status 1. */
export function exportFailure(e: unknown, out: Out): number {
  if (e instanceof BrowserError) out.error(`chokepoint: ${e.message}`);
  else out.error(`chokepoint: export failed: ${(e as Error).message}`);
  return 1;
}
