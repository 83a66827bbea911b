import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Cleanup } from '../browser/cleanup.ts';
import { makeDirs } from '../node/make-dir.ts';

/** Writes `bytes` to a temp file beside `path`, removed on cleanup unless renamed into place first; returns its path. */
export function stageFile(path: string, bytes: Uint8Array, cleanup: Cleanup): string {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  cleanup.add(() => rmSync(tmp, { force: true }));
  makeDirs(dirname(path));
  try {
    writeFileSync(tmp, bytes);
  } catch (e) {
    // A write that fails half-way (a full disk) leaves the part it wrote.
    rmSync(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/** Writes `bytes` to a temp file beside `path` and renames it into place: readers never see half a file. */
export function writeAtomic(path: string, bytes: Uint8Array, cleanup: Cleanup): void {
  renameSync(stageFile(path, bytes, cleanup), path);
}
