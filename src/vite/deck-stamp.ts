import { readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The files a deck may be made of, besides those a compile names (a new slide file in its folder). */
export const DECK_FILE = /\.(md|markdown|ya?ml|csv|json|css)$/i;

/** Sizes and modification times of the deck's files and folder: cheap to take, changes on every save. */
export function stamp(files: Set<string>, dir: string): string {
  const parts: string[] = [];
  const add = (path: string) => {
    try {
      const st = statSync(path);
      parts.push(`${path}:${st.size}:${st.mtimeMs}`);
    } catch {
      parts.push(`${path}:gone`);
    }
  };
  for (const f of [...files].sort()) add(f);
  try {
    for (const name of readdirSync(dir).sort()) if (DECK_FILE.test(name)) add(resolve(dir, name));
  } catch {
    parts.push('dir:gone');
  }
  return parts.join('|');
}
