import { buildDeck } from '../node/build.ts';
import { displayPath } from '../node/display-path.ts';
import { withInterrupt } from '../node/interrupt.ts';
import { kib, plural, printIssues, type Out } from './terminal.ts';

/** `chokepoint build`: writes the static site into `outDir`; prints the issues, then what it wrote. */
export async function runBuild(input: string, outDir: string, out: Out, allowDirs: readonly string[] = []): Promise<number> {
  const started = performance.now();
  const { value: result, status } = await withInterrupt((signal) => buildDeck(input, outDir, { signal, allowDirs }));
  printIssues(result.deck.issues, out);
  if (status) return status;
  if (!result.ok) return 1;
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  out.log(`Built ${plural(result.deck.slides.length, 'slide')} into ${displayPath(outDir)}/ (${result.files} files, ${kib(result.bytes)}) in ${secs} s`);
  return 0;
}
