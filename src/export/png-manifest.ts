import { existsSync, lstatSync, readFileSync, rmSync } from 'node:fs';
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
 * Records what this export wrote, then removes what the previous one recorded and this one did not write
 * (a deck that got shorter, a renamed slide). Files the user put there are never listed, so never touched.
 */
export function replacePngs(dir: string, written: Iterable<string>, cleanup: Cleanup): void {
  const now = new Set(written);
  const before = recordedPngs(dir);
  writeAtomic(join(dir, PNG_MANIFEST), Buffer.from(`${JSON.stringify({ generator: 'chokepoint png', files: [...now].sort() }, null, 2)}\n`), cleanup);
  for (const name of before) {
    if (now.has(name)) continue;
    const path = join(dir, name);
    // A recorded name now taken by a folder or a link is not ours any more.
    try { if (lstatSync(path).isFile()) rmSync(path); } catch { /* already gone */ }
  }
}
