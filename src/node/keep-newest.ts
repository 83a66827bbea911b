import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How many decks' kept pages and kept slides a cache folder holds: enough for the decks one works on. */
export const KEPT_DECKS = 20;

/**
 * Removes all but the `keep` most recently written files of `dir` (a cache folder with one file per deck)
 * whose names are `ours` (the names this cache gives its files: nothing else in the folder is touched), so
 * that a folder of kept pages or slides does not grow with every deck ever opened. A file another process
 * removes meanwhile, or a folder that cannot be read, is left as it is.
 */
export function keepNewest(dir: string, ours: RegExp, keep = KEPT_DECKS): void {
  let files: { path: string; time: number }[];
  try {
    files = readdirSync(dir)
      .filter((name) => ours.test(name))
      .map((name) => {
        const path = join(dir, name);
        return { path, time: statSync(path).mtimeMs };
      });
  } catch {
    return;
  }
  if (files.length <= keep) return;
  files.sort((a, b) => b.time - a.time);
  for (const { path } of files.slice(keep)) rmSync(path, { force: true });
}
