import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { isInside, realOrResolved } from './deck-root.ts';
import { makeDirs } from './make-dir.ts';
import { displayPath } from './display-path.ts';

/** The build's record of what it wrote: a rebuild removes exactly these files and nothing else. */
export const MANIFEST = '.chokepoint-build.json';

interface Manifest {
  generator: 'Chokepoint';
  files: string[];
}

export interface OutDirPlan {
  /** Files an earlier build recorded (relative, POSIX). */
  previous: string[];
}

/**
 * Whether the deck may be built into `outDir`: never into a folder that holds the input or any file the
 * deck reads, and never over a non-empty folder that has no build record of ours. `reads` are the files
 * the deck is made of; `writes` the files the build will write (relative to `outDir`).
 */
export function planOutDir(outDir: string, input: string, reads: string[], writes: string[]): OutDirPlan | DeckIssue {
  const out = displayPath(outDir || '.');
  const refuse = (code: string, message: string, hint: string): DeckIssue => ({ file: out, line: 0, severity: 'error', code, message, hint });
  if (outDir.trim() === '') return refuse('out-empty', 'the output folder name is empty', 'give a folder with --out, e.g. --out dist');
  const outReal = realOrResolved(outDir);
  const inputReal = realOrResolved(input);
  if (isInside(outReal, inputReal)) {
    return refuse(
      'out-contains-input',
      `the output folder contains the deck itself (${displayPath(input)}); building there would replace it`,
      'choose an --out outside the deck folder, e.g. --out dist',
    );
  }
  const inside = reads.map(realOrResolved).find((r) => isInside(outReal, r));
  if (inside) {
    return refuse(
      'out-contains-deck-file',
      `the deck reads ${displayPath(inside)}, which is inside the output folder; building there would replace it`,
      "keep the deck's files outside --out, or choose another --out",
    );
  }
  if (!existsSync(outDir)) return { previous: [] };
  if (!statSync(outDir).isDirectory()) return refuse('out-not-a-folder', 'the output path exists and is not a folder', 'choose another --out');
  const entries = readdirSync(outDir);
  if (entries.length === 0) return { previous: [] };
  const manifest = readManifest(join(outDir, MANIFEST));
  if (!manifest) {
    return refuse(
      'out-dir-not-ours',
      'the output folder is not empty and is not a Chokepoint build; refusing to replace it',
      `choose an empty or new folder with --out. A build records its files in ${MANIFEST} and replaces only those; a folder without that record (an older build too) is never replaced: delete it yourself once`,
    );
  }
  const previous = manifest.files.filter((f) => safeEntry(outReal, f));
  const ours = new Set(previous);
  const clash = writes.find((w) => !ours.has(w) && existsSync(join(outDir, w)));
  if (clash) {
    return refuse(
      'out-file-not-ours',
      `${displayPath(join(outDir, clash))} was not written by Chokepoint; refusing to replace it`,
      'move or rename that file, or choose another --out',
    );
  }
  return { previous };
}

/**
 * Moves the files built in `tmp` into `outDir`, then removes the files of the previous build that this
 * one did not write. Files the user added (CNAME, .git/, notes) are never touched. The record lists old
 * and new files while they are moved, so a crash half-way still leaves every file of ours on record.
 */
export function installBuild(tmp: string, outDir: string, files: string[], plan: OutDirPlan): void {
  makeDirs(outDir);
  writeManifest(outDir, [...new Set([...plan.previous, ...files])]);
  // The page last: until it moves in, the old page keeps working with the old (still present) assets.
  for (const f of [...files.filter((f) => f !== 'index.html'), ...files.filter((f) => f === 'index.html')]) {
    mkdirSync(dirname(join(outDir, f)), { recursive: true });
    renameSync(join(tmp, f), join(outDir, f));
  }
  const kept = new Set(files);
  for (const f of plan.previous) {
    if (kept.has(f)) continue;
    const path = join(outDir, f);
    try {
      const st = lstatSync(path);
      if (st.isFile() || st.isSymbolicLink()) unlinkSync(path);
    } catch {
      /* already gone */
    }
    removeEmptyParents(outDir, f);
  }
  writeManifest(outDir, files);
}

function readManifest(path: string): Manifest | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
    if (data.generator === 'Chokepoint' && Array.isArray(data.files) && data.files.every((f) => typeof f === 'string')) return data as Manifest;
  } catch {
    /* missing or not ours */
  }
  return undefined;
}

function writeManifest(outDir: string, files: string[]): void {
  const data: Manifest = { generator: 'Chokepoint', files: [...files].sort() };
  const tmp = join(outDir, `${MANIFEST}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(tmp, join(outDir, MANIFEST));
}

// A record edited by hand (or by an attacker) must not name files outside the folder: `../x`, `/etc/x`,
// or a path through a symlinked folder that leads elsewhere.
function safeEntry(outReal: string, file: string): boolean {
  if (file === '' || file === MANIFEST || posix.isAbsolute(file) || /^[a-z]:/i.test(file) || file.includes('\\')) return false;
  if (posix.normalize(file) !== file || file.startsWith('..')) return false;
  try {
    return isInside(outReal, realpathSync(dirname(join(outReal, file))));
  } catch {
    return false;
  }
}

function removeEmptyParents(outDir: string, file: string): void {
  for (let dir = posix.dirname(file); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) {
    try {
      rmdirSync(join(outDir, dir));
    } catch {
      return;
    }
  }
}
