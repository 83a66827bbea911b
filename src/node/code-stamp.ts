import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './paths.ts';

let stamp: string | undefined;

/**
 * Chokepoint's own code (this lib/ or src/), its version and its dependencies' lockfile, as one hash: what
 * was made by other code (a kept dev page, kept slides of a build) is not reused.
 */
export function codeStamp(): string {
  if (stamp !== undefined) return stamp;
  const own = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const parts: string[] = [];
  for (const entry of readdirSync(own, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    parts.push(`${path}:${statSync(path).size}:${mtime(path)}`);
  }
  for (const f of ['package.json', 'package-lock.json', 'node_modules/.package-lock.json']) parts.push(`${f}:${mtime(join(packageRoot, f))}`);
  stamp = createHash('sha256').update(parts.sort().join('\n')).digest('hex');
  return stamp;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}
