import { formatIssue } from '../compile/errors.ts';
import { withInterrupt } from '../node/interrupt.ts';
import { displayPath } from '../node/display-path.ts';
import { buildSingleFile, type SingleFileResult } from '../node/single-file.ts';
import { errorCode, writeIssue } from '../node/write-error.ts';
import { tmpdir } from 'node:os';
import { printIssues, type Out } from './terminal.ts';

/** `chokepoint build --single-file [--out deck.html]`: prints the issues, then the file and its size. */
export async function runSingleFile(input: string, outFile = 'deck.html', out: Out, allowDirs: readonly string[] = []): Promise<number> {
  const started = performance.now();
  let result: SingleFileResult;
  let status: number | undefined;
  try {
    ({ value: result, status } = await withInterrupt((signal) => buildSingleFile(input, outFile, signal, allowDirs)));
  } catch (e) {
    // The temporary build folder could not be made (a full or read-only system temp folder).
    if (!errorCode(e)) throw e;
    out.error(formatIssue(writeIssue(tmpdir(), e, 'the temporary build')));
    return 1;
  }
  printIssues(result.deck.issues, out);
  if (status) {
    out.error(`${displayPath(outFile)}: the build was interrupted; nothing was written`);
    return status;
  }
  if (!result.ok) return 1;
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  const size = result.bytes >= 1024 * 1024 ? `${(result.bytes / 1024 / 1024).toFixed(2)} MiB` : `${(result.bytes / 1024).toFixed(1)} KiB`;
  out.log(
    `Built ${result.deck.slides.length} slide${result.deck.slides.length === 1 ? '' : 's'} into ${displayPath(outFile)} (one file, ${size}, ${result.bytes} bytes) in ${secs} s`,
  );
  return 0;
}
