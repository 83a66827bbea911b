import { copyFileSync, existsSync, lstatSync, readdirSync, readlinkSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { displayPath } from '../node/display-path.ts';
import { makeDirs } from '../node/make-dir.ts';
import { packageRoot } from '../node/paths.ts';
import { errorCode, writeIssue } from '../node/write-error.ts';

/** The starter deck's files, copied from assets/starter: one slide of each kind, a CSV chart, sources, notes. */
const STARTER = join(packageRoot, 'assets', 'starter');

/**
 * Writes a starter deck into `folder` (created if needed); refuses a folder that already has files. A write
 * that fails (a file on the way, a read-only disk, a full one) is one located message, and takes back what
 * it wrote: the folder was new or empty, so nothing of the author's is removed.
 */
export function scaffoldDeck(folder: string): { files: string[] } | { issue: DeckIssue } {
  const refuse = (code: string, message: string, hint: string) => ({
    issue: { file: displayPath(folder), line: 0, severity: 'error' as const, code, message, hint },
  });
  const link = linkTarget(folder);
  if (link !== undefined && !existsSync(folder))
    return refuse(
      'new-dangling-link',
      `this path is a symbolic link to ${link}, which does not exist`,
      'create the folder it points to, or choose a new folder name, e.g. `chokepoint new my-talk`',
    );
  let existed = false;
  try {
    if (existsSync(folder)) {
      if (!statSync(folder).isDirectory())
        return refuse('new-not-a-folder', 'this path exists and is not a folder', 'choose a new folder name, e.g. `chokepoint new my-talk`');
      if (readdirSync(folder).length > 0)
        return refuse(
          'new-not-empty',
          'the folder is not empty; refusing to write a starter deck into it',
          'choose a new or empty folder, e.g. `chokepoint new my-talk`',
        );
      existed = true;
    }
  } catch (e) {
    if (!errorCode(e)) throw e;
    return { issue: writeIssue(folder, e, 'the starter deck', 'nothing was written', 'new-write-failed') };
  }
  const files = readdirSync(STARTER).sort();
  const written: string[] = [];
  try {
    makeDirs(folder);
    for (const name of files) {
      written.push(join(folder, name));
      copyFileSync(join(STARTER, name), join(folder, name));
    }
  } catch (e) {
    if (!errorCode(e)) throw e;
    for (const path of written) rmSync(path, { force: true });
    if (!existed) {
      try {
        rmdirSync(folder);
      } catch {
        /* never made, or not ours to remove */
      }
    }
    return { issue: writeIssue(folder, e, 'the starter deck', 'nothing was written', 'new-write-failed') };
  }
  return { files: files.map((f) => displayPath(join(folder, f))) };
}

/** Where `path` points when it is a symbolic link, else undefined. */
function linkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}
