import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { displayPath } from '../node/load.ts';
import { packageRoot } from '../node/paths.ts';

/** The starter deck's files, copied from assets/starter: one slide of each kind, a CSV chart, sources, notes. */
const STARTER = join(packageRoot, 'assets', 'starter');

/** Writes a starter deck into `folder` (created if needed); refuses a folder that already has files. */
export function scaffoldDeck(folder: string): { files: string[] } | { issue: DeckIssue } {
  if (existsSync(folder)) {
    if (!statSync(folder).isDirectory()) return { issue: { file: displayPath(folder), line: 0, severity: 'error', code: 'new-not-a-folder', message: 'this path exists and is not a folder', hint: 'choose a new folder name, e.g. `chokepoint new my-talk`' } };
    if (readdirSync(folder).length > 0) return { issue: { file: displayPath(folder), line: 0, severity: 'error', code: 'new-not-empty', message: 'the folder is not empty; refusing to write a starter deck into it', hint: 'choose a new or empty folder, e.g. `chokepoint new my-talk`' } };
  }
  mkdirSync(folder, { recursive: true });
  const files = readdirSync(STARTER).sort();
  for (const name of files) copyFileSync(join(STARTER, name), join(folder, name));
  return { files: files.map((f) => displayPath(join(folder, f))) };
}
