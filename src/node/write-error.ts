import type { DeckIssue } from '../compile/errors.ts';
import { displayPath } from './display-path.ts';

/** What a failed write means to the author, and what to do, by the system's error code. */
const WHY: Record<string, [message: string, hint: string]> = {
  ENOSPC: ['the disk is full', 'free some space, or choose --out on another disk'],
  EDQUOT: ['the disk quota is used up', 'free some space, or choose --out on another disk'],
  EROFS: ['the file system is read-only', 'choose --out on a writable disk'],
  EACCES: ['permission denied', 'choose a folder you can write to, or change its permissions'],
  EPERM: ['the operation is not permitted', 'choose a folder you can write to, or change its permissions'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'choose a path whose folders are folders'],
  EISDIR: ['a folder is in the way of a file', 'move that folder, or choose another --out'],
  EEXIST: ['something is already in the way', 'choose another path'],
  ENOENT: ['a folder on the way does not exist (a dangling link?)', 'create the folder, or choose another path'],
  // make-dir.ts: mkdir answered ENOENT under an existing folder (/proc).
  ENOFOLDERS: ['this file system does not take new folders there', 'choose a path on an ordinary disk'],
  ELOOP: ['the path runs in a circle of symbolic links', 'choose another path'],
  ENAMETOOLONG: ['the file name is too long', 'choose a shorter path'],
  EIO: ['the disk reported an input/output error', 'check the disk, or choose --out on another one'],
};

/** The system error code of `e` (ENOSPC, EACCES...), if it has one. */
export const errorCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * A located error for a write that failed at `path`: "the disk is full" rather than a stack trace. `what` says
 * what was being written ("the build") and `after` what was done about it ("nothing was written").
 */
export function writeIssue(path: string, e: unknown, what: string, after = 'nothing was written', code = 'out-write-failed'): DeckIssue {
  const known = WHY[errorCode(e) ?? ''];
  // ENOFOLDERS is make-dir.ts's own code: the system's words would be a misleading ENOENT.
  const reason = known ? (errorCode(e) === 'ENOFOLDERS' ? known[0] : `${known[0]} (${errorCode(e)})`) : (e as Error).message;
  return {
    file: displayPath(path),
    line: 0,
    severity: 'error',
    code,
    message: `could not write ${what}: ${reason}; ${after}`,
    hint: known?.[1] ?? 'check the path and that the disk has room',
  };
}
