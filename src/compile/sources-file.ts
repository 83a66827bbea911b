import { posix } from 'node:path';
import type { DeckIssue } from './errors.ts';
import type { CompileHost } from './types.ts';

/**
 * Which sources file the deck reads: the front matter's `sources:`, or by default `sources.yaml` or
 * `sources.yml` beside the first Markdown file. Both default files at once is an error: one would be
 * silently ignored.
 */
export function pickSourcesFile(dir: string, configured: string, host: CompileHost): { path: string; issue?: DeckIssue } {
  const path = posix.join(dir, configured);
  if (configured !== 'sources.yaml') return { path };
  const yml = posix.join(dir, 'sources.yml');
  const hasYml = host.readText(yml) !== null;
  if (!hasYml) return { path };
  if (host.readText(path) === null) return { path: yml };
  return {
    path,
    issue: {
      file: yml,
      line: 1,
      severity: 'error',
      code: 'sources-both',
      message: `both ${path} and sources.yml exist; a deck reads one sources file`,
      hint: 'merge the entries into sources.yaml and delete sources.yml',
    },
  };
}
