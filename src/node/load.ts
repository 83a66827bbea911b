import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DeckError, type DeckIssue } from '../compile/errors.ts';
import { unreadable, type DeckRoot } from './deck-root.ts';
import { displayPath } from './display-path.ts';
// Re-exported for callers written before displayPath had its own module (it lived here, in a circle with deck-root.ts).
export { displayPath };
import type { InputFile } from '../compile/types.ts';

/** Where a deck comes from: its Markdown files in order, and the folder paths are relative to. */
export interface Input {
  /** The input as given (a folder or one .md file). */
  path: string;
  dir: string;
  files: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Lists the deck's Markdown files: a folder's `*.md` in file-name order, or the one file given. */
export function findInput(path: string): Input {
  if (!existsSync(path)) {
    throw new DeckError({
      file: displayPath(path),
      line: 0,
      code: 'input-missing',
      message: 'no such file or folder',
      hint: 'give a folder of .md files or one .md file, e.g. `chokepoint dev slides`',
    });
  }
  if (statSync(path).isDirectory()) {
    const names = readdirSync(path, { withFileTypes: true })
      // Symlinked files are kept (and checked when read): skipping them silently hid slides.
      .filter((d) => (d.isFile() || d.isSymbolicLink()) && d.name.toLowerCase().endsWith('.md') && !d.name.startsWith('.'))
      .map((d) => d.name);
    sortFileNames(names);
    if (names.length === 0)
      throw new DeckError({
        file: displayPath(path),
        line: 0,
        code: 'input-empty',
        message: 'the folder has no .md files',
        hint: 'add slides as Markdown files, e.g. 01-intro.md',
      });
    return { path, dir: displayPath(path), files: names.map((n) => displayPath(join(path, n))) };
  }
  const file = displayPath(path);
  return { path, dir: file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.', files: [file] };
}

/**
 * Reads a file as UTF-8 text; null when it does not exist. Binary or mis-encoded input, and a file that
 * is outside `root`, a folder, a FIFO or unreadable, is a located error saying so, not "not found".
 */
export function readText(path: string, root?: DeckRoot): string | null {
  let bytes: Buffer;
  const real = root ? root.file(path) : plainFile(path);
  if (real === null) return null;
  try {
    bytes = readFileSync(real);
  } catch (e) {
    throw unreadable(path, e);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DeckError({
      file: displayPath(path),
      line: lineAtByte(bytes, nul),
      code: 'not-text',
      message: 'this is not a text file (it contains NUL bytes)',
      hint: 'decks and data must be UTF-8 text; remove or rename the file',
    });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new DeckError({
      file: displayPath(path),
      line: lineAtByte(bytes, bad),
      code: 'not-utf8',
      message: 'the file is not valid UTF-8',
      hint: 'save it as UTF-8 in your editor',
    });
  }
}

/** Reads every Markdown file of the input; each one that cannot be read is an issue, none is skipped. */
export function readInput(input: Input, root?: DeckRoot): { files: InputFile[]; issues: DeckIssue[] } {
  const files: InputFile[] = [];
  const issues: DeckIssue[] = [];
  for (const file of input.files) {
    try {
      files.push({ file, text: readText(file, root) ?? '' });
    } catch (e) {
      if (!(e instanceof DeckError)) throw e;
      issues.push(e.issue);
    }
  }
  return { files, issues };
}

/** `path` when it is a regular file, null when missing, without a deck root to confine it. */
function plainFile(path: string): string | null {
  try {
    return statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

function lineAtByte(bytes: Buffer, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 10) line++;
  return line;
}

function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += extra;
  }
  return 0;
}

let collator: Intl.Collator | undefined;

/**
 * Sorts file names as `localeCompare(b, 'en', { numeric: true })` does. Numbered names with distinct numbers
 * (`01-intro.md`, `002.md`) sort by number, which is what the collator decides at their first element; any
 * other set takes the collator, whose first use costs ~8 ms of CPU (ICU's data), a tenth of a small build.
 */
export function sortFileNames(names: string[]): string[] {
  // ASCII digits followed by an ASCII non-digit: the collator reads exactly that run as the number.
  const numbers = names.map((n) => /^(\d{1,15})[\x00-\x2f\x3a-\x7f]/.exec(n)?.[1]);
  if (numbers.every((d) => d !== undefined) && new Set(numbers.map(Number)).size === names.length) {
    const rank = new Map(names.map((n, i) => [n, Number(numbers[i])]));
    return names.sort((a, b) => rank.get(a)! - rank.get(b)!);
  }
  collator ??= new Intl.Collator('en', { numeric: true });
  return names.sort(collator.compare);
}
