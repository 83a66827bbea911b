import { existsSync, statSync } from 'node:fs';
import { BrowserError } from '../browser/browser-errors.ts';
import { formatIssue } from '../compile/errors.ts';
import { foreignOutProblem, type OutFormat } from '../export/out-guard.ts';
import { displayPath } from '../node/display-path.ts';
import type { Out } from './terminal.ts';

/** How the folder-instead-of-file message names each single-file format's output. */
const FILE_NAME: Record<OutFormat, string> = { pdf: "the PDF's file name", pptx: "the presentation's file name" };

/**
 * The pre-flight every single-file export shares: `--out` must not be a folder (2, usage), nor an existing file of
 * another kind unless `--force` (1). Undefined when the export may go ahead.
 */
export function outFileRefusal(file: string, format: OutFormat, input: string, force: boolean | undefined, out: Out): number | undefined {
  if (existsSync(file) && statSync(file).isDirectory()) {
    out.error(`chokepoint: --out ${file} is a folder; give ${FILE_NAME[format]}, e.g. --out ${displayPath(`${file.replace(/[\\/]+$/, '')}/deck.${format}`)}`);
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
