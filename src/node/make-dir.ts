import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * `mkdir -p` that always ends. Node's `mkdirSync(p, { recursive: true })` loops forever where mkdir answers
 * ENOENT although the parent exists (`/proc/x`: procfs refuses new entries), at 40% CPU; here each missing
 * folder is made once, from the top down, and such a refusal is an error with code ENOFOLDERS.
 */
export function makeDirs(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); ; ) {
    try {
      if (statSync(dir).isDirectory()) break;
      throw Object.assign(new Error(`not a directory: ${dir}`), { code: 'ENOTDIR' });
    } catch (e) {
      const up = dirname(dir);
      if (code(e) !== 'ENOENT' || up === dir) throw e;
      missing.push(dir);
      dir = up;
    }
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if (code(e) === 'EEXIST' && isDirectory(dir)) continue;
      // The parent exists (made or found above): ENOENT means this file system does not take new folders.
      if (code(e) === 'ENOENT') throw Object.assign(new Error(`cannot make a folder at ${dir}`), { code: 'ENOFOLDERS' });
      throw e;
    }
  }
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};
