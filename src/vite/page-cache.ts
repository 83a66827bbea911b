import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { codeStamp } from '../node/code-stamp.ts';
import { keepNewest } from '../node/keep-newest.ts';
import { cacheDir } from '../node/runtime-bundle.ts';
import type { Payload } from './deck-compiler.ts';
import { stamp } from './deck-stamp.ts';

interface Entry {
  code: string;
  files: string[];
  stamp: string;
  payload: Omit<Payload, 'issues'>;
}

/**
 * The first page of the last `dev` session of a deck, kept on disk: when `dev` starts again and not one of
 * the deck's files (nor the folder's list of deck files, nor Chokepoint's own code) changed since that
 * compile, slide 1 is served from it at once, and the compile runs after. Only a compile without errors is
 * kept, and only if no file changed while it ran; the page's later take-over by Vite redraws it if the new
 * compile differs (it cannot, unless the compiler does).
 */
export class PageCache {
  private readonly path: string;
  private readonly inputDir: string;
  private pending: NodeJS.Timeout | undefined;
  private flushing: (() => void) | undefined;

  constructor(input: string, inputDir: string, allowDirs: readonly string[]) {
    const key = createHash('sha256')
      .update(JSON.stringify([resolve(input), ...allowDirs.map((d) => resolve(d))]))
      .digest('hex');
    this.path = join(cacheDir(), 'dev-pages', `${key.slice(0, 16)}.json`);
    this.inputDir = inputDir;
  }

  /** The kept page and the files it was made from, if all are as they were; undefined otherwise. */
  read(): { payload: Payload; files: string[] } | undefined {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.path, 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (entry.code !== codeStamp() || stamp(new Set(entry.files), this.inputDir) !== entry.stamp) return undefined;
    return { payload: { ...entry.payload, version: 0, issues: [] }, files: entry.files };
  }

  /**
   * Keeps `payload` (a compile that began at `startedAt`, of `files`) a moment later, if no file has been
   * modified since that compile began: the page then shows what the files hold.
   */
  write(payload: Payload, files: string[], startedAt: number): void {
    clearTimeout(this.pending);
    this.flushing = () => {
      this.flushing = undefined;
      try {
        if (files.some((f) => mtime(f) >= startedAt)) return;
        const { issues: _, ...kept } = payload;
        const entry: Entry = { code: codeStamp(), files, stamp: stamp(new Set(files), this.inputDir), payload: { ...kept, version: 0 } };
        mkdirSync(dirname(this.path), { recursive: true });
        const tmp = `${this.path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(entry));
        renameSync(tmp, this.path);
        keepNewest(dirname(this.path), /^[0-9a-f]{16}\.json$/);
      } catch {
        /* a cache that cannot be written only costs the next start its head start */
      }
    };
    this.pending = setTimeout(() => this.flushing?.(), 1000);
    this.pending.unref();
  }

  /** Writes a pending page now (the server is stopping). */
  flush(): void {
    clearTimeout(this.pending);
    this.flushing?.();
  }
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}
