import { existsSync, lstatSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeAtomic, type Cleanup } from './cleanup.ts';

/** The file in a `png --out` folder that lists the images the last export wrote there. */
export const PNG_MANIFEST = '.chokepoint-png.json';

/**
 * The images an earlier export recorded in `dir`. Only plain `.png` names (no folders, no dot files) count,
 * so a hand-edited or foreign manifest can never point the cleanup at anything else.
 */
export function recordedPngs(dir: string): string[] {
  const path = join(dir, PNG_MANIFEST);
  if (!existsSync(path)) return [];
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { generator?: unknown; files?: unknown };
    if (data.generator !== 'chokepoint png' || !Array.isArray(data.files)) return [];
    return data.files.filter((f): f is string => typeof f === 'string' && f === basename(f) && /^[^.][^/\\]*\.png$/i.test(f));
  } catch {
    return [];
  }
}

/**
 * Moves the images this export staged (name -> temp file beside it, see stageFile) into place and records
 * them, then removes what the previous export recorded and this one did not write (a deck that got shorter,
 * a renamed slide). Files the user put there are never listed, so never touched. The record names old and new
 * images while they move, so an interruption at any point leaves every image of ours on record.
 */
export function replacePngs(dir: string, staged: ReadonlyMap<string, string>, cleanup: Cleanup): void {
  const before = recordedPngs(dir);
  const record = (files: Iterable<string>) =>
    writeAtomic(join(dir, PNG_MANIFEST), Buffer.from(`${JSON.stringify({ generator: 'chokepoint png', files: [...new Set(files)].sort() }, null, 2)}\n`), cleanup);
  record([...before, ...staged.keys()]);
  // Renames take no space: once the record is written, a full disk can no longer stop the set half-way.
  for (const [name, tmp] of staged) renameSync(tmp, join(dir, name));
  for (const name of before) {
    if (staged.has(name)) continue;
    const path = join(dir, name);
    // A recorded name now taken by a folder or a link is not ours any more.
    try { if (lstatSync(path).isFile()) rmSync(path); } catch { /* already gone */ }
  }
  // Best effort: should this last write fail, the record above still lists every image of ours.
  try { record(staged.keys()); } catch { /* the record of old and new stays */ }
}
