import { closeSync, existsSync, lstatSync, openSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Cleanup } from '../browser/cleanup.ts';
import { writeAtomic } from './write-atomic.ts';

/** The file in a `png --out` folder that lists the images the last export wrote there. */
export const PNG_MANIFEST = '.chokepoint-png.json';

interface PngRecord {
  files: string[];
  deck?: string;
}

/**
 * What an earlier export recorded in `dir`: its images and the deck they show (relative to `dir`). Only
 * plain `.png` names (no folders, no dot files) count, so a hand-edited or foreign manifest can never point
 * the cleanup at anything else.
 */
export function readPngRecord(dir: string): PngRecord {
  const path = join(dir, PNG_MANIFEST);
  if (!existsSync(path)) return { files: [] };
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { generator?: unknown; files?: unknown; deck?: unknown };
    if (data.generator !== 'chokepoint png' || !Array.isArray(data.files)) return { files: [] };
    const files = data.files.filter((f): f is string => typeof f === 'string' && f === basename(f) && /^[^.][^/\\]*\.png$/i.test(f));
    return { files, deck: typeof data.deck === 'string' ? data.deck : undefined };
  } catch {
    return { files: [] };
  }
}

/** The images an earlier export recorded in `dir`. */
export const recordedPngs = (dir: string): string[] => readPngRecord(dir).files;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether `path` is a regular file that starts with the PNG signature. */
export function isPng(path: string): boolean {
  let fd: number | undefined;
  try {
    if (!lstatSync(path).isFile()) return false;
    fd = openSync(path, 'r');
    const head = Buffer.alloc(SIGNATURE.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SIGNATURE);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Moves the images this export staged (name -> temp file beside it, see stageFile) into place and records
 * them, then removes what the previous export recorded and this one did not write (a deck that got shorter,
 * a renamed slide). Files the user put there are never listed, so never touched. The record names old and new
 * images while they move, so an interruption at any point leaves every image of ours on record.
 */
export function replacePngs(dir: string, staged: ReadonlyMap<string, string>, cleanup: Cleanup, deck?: string): void {
  const before = recordedPngs(dir);
  const record = (files: Iterable<string>) =>
    writeAtomic(
      join(dir, PNG_MANIFEST),
      Buffer.from(`${JSON.stringify({ generator: 'chokepoint png', deck, files: [...new Set(files)].sort() }, null, 2)}\n`),
      cleanup,
    );
  record([...before, ...staged.keys()]);
  // Renames take no space: once the record is written, a full disk can no longer stop the set half-way.
  for (const [name, tmp] of staged) renameSync(tmp, join(dir, name));
  for (const name of before) {
    if (staged.has(name)) continue;
    const path = join(dir, name);
    // A recorded name now taken by a folder, a link or a file that is not a PNG is not ours any more.
    try {
      if (isPng(path)) rmSync(path);
    } catch {
      /* already gone */
    }
  }
  // Best effort: should this last write fail, the record above still lists every image of ours.
  try {
    record(staged.keys());
  } catch {
    /* the record of old and new stays */
  }
}
