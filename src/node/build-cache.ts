import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SlideCache, type CacheSnapshot } from '../compile/slide-cache.ts';
import { codeStamp } from './code-stamp.ts';
import { keepNewest } from './keep-newest.ts';
import { cacheDir } from './runtime-bundle.ts';

interface Kept {
  code: string;
  snapshot: CacheSnapshot;
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');
const KEY_LENGTH = 22;
/** A kept deck's file name: its key (a digest of its path and allowed folders), as `buildCache` writes it. */
const KEPT_NAME = new RegExp(`^[\\w-]{${KEY_LENGTH}}\\.json$`);

/**
 * The slides of the last `build` of a deck, kept on disk (node_modules/.cache/chokepoint/build-slides/): a
 * build after an edit compiles the slides that changed and takes the others as they were, as `dev` does in
 * memory. A kept slide counts only if every file it read (data, images) reads the same now, the deck's
 * settings and sources are the same, and so is Chokepoint's own code (code-stamp.ts). `save()` writes the
 * cache again when the build compiled anything; a cache that cannot be read or written only costs time.
 */
export function buildCache(input: string, allowDirs: readonly string[]): { cache: SlideCache; save(): void } {
  const key = digest(JSON.stringify([resolve(input), ...allowDirs.map((d) => resolve(d))])).slice(0, KEY_LENGTH);
  const path = join(cacheDir(), 'build-slides', `${key}.json`);
  let snapshot: CacheSnapshot | undefined;
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as Kept;
    if (kept.code === codeStamp()) snapshot = kept.snapshot;
  } catch {
    /* none yet, or unreadable: compile every slide */
  }
  const cache = new SlideCache(digest, snapshot);
  return {
    cache,
    save() {
      if (!cache.changed && snapshot) return;
      try {
        mkdirSync(dirname(path), { recursive: true });
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ code: codeStamp(), snapshot: cache.snapshot() } satisfies Kept));
        renameSync(tmp, path);
        keepNewest(dirname(path), KEPT_NAME);
      } catch {
        /* a read-only cache folder: the next build compiles every slide */
      }
    },
  };
}
