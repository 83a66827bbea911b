import { formatIssue } from '../compile/errors.ts';
import { withInterrupt } from './interrupt.ts';
import { displayPath } from './display-path.ts';
import { buildSingleFile, type SingleFileResult } from './single-file.ts';
import { errorCode, writeIssue } from './write-error.ts';
import { tmpdir } from 'node:os';

type Out = { log: (s: string) => void; error: (s: string) => void };

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
  for (const issue of result.deck.issues) (issue.severity === 'error' ? out.error : out.log)(formatIssue(issue));
  if (status) {
    out.error(`${displayPath(outFile)}: the build was interrupted; nothing was written`);
    return status;
  }
  if (!result.ok) return 1;
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  const size = result.bytes >= 1024 * 1024 ? `${(result.bytes / 1024 / 1024).toFixed(2)} MiB` : `${(result.bytes / 1024).toFixed(1)} KiB`;
  out.log(`Built ${result.deck.slides.length} slide${result.deck.slides.length === 1 ? '' : 's'} into ${displayPath(outFile)} (one file, ${size}, ${result.bytes} bytes) in ${secs} s`);
  return 0;
}
