import { displayPath } from '../node/display-path.ts';
import { stderrProgress, type Progress } from '../browser/progress.ts';
import { exportPptx, type PptxResult } from '../export/pptx/export.ts';
import { exportFailure, outFileRefusal } from './out-file.ts';
import { formatSpec } from './format-table.ts';
import { kib, printIssues, secs, type Out } from './terminal.ts';

/** `chokepoint pptx`: exports, prints the outcome, resolves with the exit status (0 done, 1 failed, 2 usage). */
export async function runPptx(
  input: string,
  flags: { out?: string; notes?: boolean; handout?: boolean; fragments?: boolean; force?: boolean; allowDirs?: readonly string[] },
  out: Out,
  progress: Progress = stderrProgress('pptx'),
): Promise<number> {
  if (flags.notes || flags.handout || flags.fragments) {
    out.error(
      'chokepoint: --notes, --handout and --fragments apply to `chokepoint pdf` only (pptx always carries the notes and shows fragments in their final state)',
    );
    return 2;
  }
  const file = flags.out ?? formatSpec('pptx').defaultOut;
  const refused = outFileRefusal(file, 'pptx', input, flags.force, out);
  if (refused !== undefined) return refused;
  let result: PptxResult;
  try {
    result = await exportPptx({ input, allowDirs: flags.allowDirs, out: file }, progress);
  } catch (e) {
    // The same words as `chokepoint pdf` when there is no browser or it does not start.
    return exportFailure(e, out);
  }
  const issues = result.ok ? result.deck.issues : result.issues;
  printIssues(issues, out);
  if (!result.ok) return 1;
  const pictures = result.pictures ? `, ${result.pictures} picture${result.pictures === 1 ? '' : 's'}` : '';
  out.log(
    `Wrote ${displayPath(file)}: ${result.slides} slides, ${result.charts} native chart${result.charts === 1 ? '' : 's'}${pictures}, ${result.bytes} bytes (${kib(result.bytes)}) in ${secs(result.seconds)}`,
  );
  return 0;
}
