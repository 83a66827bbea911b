import { formatIssue } from '../compile/errors.ts';
import { displayPath } from './load.ts';
import { buildSingleFile } from './single-file.ts';

type Out = { log: (s: string) => void; error: (s: string) => void };

/** `chokepoint build --single-file [--out deck.html]`: prints the issues, then the file and its size. */
export async function runSingleFile(input: string, outFile = 'deck.html', out: Out): Promise<number> {
  const started = performance.now();
  const result = await buildSingleFile(input, outFile);
  for (const issue of result.deck.issues) (issue.severity === 'error' ? out.error : out.log)(formatIssue(issue));
  if (!result.ok) return 1;
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  const size = result.bytes >= 1024 * 1024 ? `${(result.bytes / 1024 / 1024).toFixed(2)} MiB` : `${(result.bytes / 1024).toFixed(1)} KiB`;
  out.log(`Built ${result.deck.slides.length} slides into ${displayPath(outFile)} (one file, ${size}, ${result.bytes} bytes) in ${secs} s`);
  return 0;
}
