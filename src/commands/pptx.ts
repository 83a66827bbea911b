import { existsSync, statSync } from 'node:fs';
import { formatIssue } from '../compile/errors.ts';
import { displayPath } from '../node/display-path.ts';
import { BrowserError } from '../browser/browser-errors.ts';
import { foreignOutProblem } from '../export/out-guard.ts';
import { stderrProgress, type Progress } from '../browser/progress.ts';
import { exportPptx, type PptxResult } from '../export/pptx/export.ts';
import { kib, printIssues, secs, type Out } from './terminal.ts';


/** `chokepoint pptx`: exports, prints the outcome, resolves with the exit status (0 done, 1 failed, 2 usage). */
export async function runPptx(input: string, flags: { out?: string; notes?: boolean; handout?: boolean; fragments?: boolean; force?: boolean; allowDirs?: readonly string[] }, out: Out, progress: Progress = stderrProgress('pptx')): Promise<number> {
  if (flags.notes || flags.handout || flags.fragments) {
    out.error('chokepoint: --notes, --handout and --fragments apply to `chokepoint pdf` only (pptx always carries the notes and shows fragments in their final state)');
    return 2;
  }
  const file = flags.out ?? 'deck.pptx';
  if (existsSync(file) && statSync(file).isDirectory()) {
    out.error(`chokepoint: --out ${file} is a folder; give the presentation's file name, e.g. --out ${displayPath(`${file.replace(/[\\/]+$/, '')}/deck.pptx`)}`);
    return 2;
  }
  const clash = flags.force ? undefined : foreignOutProblem(file, 'pptx', input);
  if (clash) {
    out.error(formatIssue(clash));
    return 1;
  }
  let result: PptxResult;
  try {
    result = await exportPptx({ input, allowDirs: flags.allowDirs, out: file }, progress);
  } catch (e) {
    // The same words as `chokepoint pdf` when there is no browser or it does not start.
    if (e instanceof BrowserError) out.error(`chokepoint: ${e.message}`);
    else out.error(`chokepoint: export failed: ${(e as Error).message}`);
    return 1;
  }
  const issues = result.ok ? result.deck.issues : result.issues;
  printIssues(issues, out);
  if (!result.ok) return 1;
  const pictures = result.pictures ? `, ${result.pictures} picture${result.pictures === 1 ? '' : 's'}` : '';
  out.log(`Wrote ${displayPath(file)}: ${result.slides} slides, ${result.charts} native chart${result.charts === 1 ? '' : 's'}${pictures}, ${result.bytes} bytes (${kib(result.bytes)}) in ${secs(result.seconds)}`);
  return 0;
}
