import { existsSync, statSync } from 'node:fs';
import { formatIssue } from '../compile/errors.ts';
import { displayPath } from '../node/display-path.ts';
import { exportPdf, type ExportResult } from '../export/pdf.ts';
import { exportPng } from '../export/png.ts';
import { otherDeckProblem } from '../export/png-guard.ts';
import { stderrProgress, type Progress } from '../browser/progress.ts';
import { exportFailure, outFileRefusal } from './out-file.ts';
import { formatSpec } from './format-table.ts';
import { kib, printIssues, secs, type Out } from './terminal.ts';

/** The CLI flags the export commands read. */
export interface ExportFlags {
  out?: string;
  notes?: boolean;
  handout?: boolean;
  fragments?: boolean;
  /** pdf, pptx: replace an existing `--out` even when it is not of the format; png: replace files at the images' names and another deck's images. */
  force?: boolean;
  /** Folders outside the deck it may read from (`--allow-dir`). */
  allowDirs?: readonly string[];
}

/** `chokepoint pdf`: exports, prints the outcome, resolves with the exit status (0 done, 1 failed, 2 usage). */
export async function runPdf(input: string, flags: ExportFlags, out: Out, progress: Progress = stderrProgress('pdf')): Promise<number> {
  if (flags.handout && flags.fragments) {
    out.error('chokepoint: --handout shows each slide once, in its final state; it cannot be combined with --fragments');
    return 2;
  }
  const file = flags.out ?? formatSpec('pdf').defaultOut;
  const refused = outFileRefusal(file, 'pdf', input, flags.force, out);
  if (refused !== undefined) return refused;
  const kind = flags.handout ? 'handout' : flags.notes ? 'slides and notes' : flags.fragments ? 'fragment steps' : 'slides';
  return finish(
    () => exportPdf({ input, allowDirs: flags.allowDirs, out: file, notes: flags.notes, handout: flags.handout, fragments: flags.fragments }, progress),
    out,
    (r) => `Wrote ${displayPath(file)} (${kind}): ${r.pages} pages, ${r.bytes} bytes (${kib(r.bytes)}) in ${secs(r.seconds)}`,
  );
}

/** `chokepoint png`: one image per slide into a folder; resolves with the exit status. */
export async function runPng(input: string, flags: ExportFlags, out: Out, progress: Progress = stderrProgress('png')): Promise<number> {
  if (flags.notes || flags.handout || flags.fragments) {
    out.error('chokepoint: --notes, --handout and --fragments apply to `chokepoint pdf` only');
    return 2;
  }
  const dir = flags.out ?? formatSpec('png').defaultOut;
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    out.error(`chokepoint: --out ${dir} is a file; png writes one image per slide into a folder`);
    return 2;
  }
  const other = flags.force ? undefined : otherDeckProblem(dir, input);
  if (other) {
    out.error(formatIssue(other));
    return 1;
  }
  return finish(
    () => exportPng({ input, allowDirs: flags.allowDirs, out: dir, force: flags.force }, progress),
    out,
    (r) =>
      `Wrote ${r.pages} PNGs (${r.deck.meta.width}x${r.deck.meta.height}) into ${displayPath(dir)}/: ${r.bytes} bytes (${kib(r.bytes)}) in ${secs(r.seconds)}`,
  );
}

async function finish(run: () => Promise<ExportResult>, out: Out, done: (r: Extract<ExportResult, { ok: true }>) => string): Promise<number> {
  let result: ExportResult;
  try {
    result = await run();
  } catch (e) {
    return exportFailure(e, out);
  }
  printIssues(result.ok ? result.deck.issues : result.issues, out);
  if (!result.ok) return 1;
  out.log(done(result));
  return 0;
}
