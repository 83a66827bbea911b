import { closeSync, lstatSync, openSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { escapeHtml } from '../compile/html.ts';
import { ReadProblem } from '../compile/read-problem.ts';
import { displayPath } from './display-path.ts';

/** Whether `path` is `dir` or inside it (both absolute and resolved). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A real path when the file exists, else the resolved path (a missing file has no symlinks to follow). */
export function realOrResolved(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : resolve(realOrResolved(parent), relative(parent, abs));
  }
}

/**
 * The folders a deck may read from: its own folder (the input folder, or the folder of a single-file
 * input) plus any allowed folder. Every read is checked after resolving symlinks, so `../../etc/passwd`,
 * a symlinked image or `theme: ../secret/x.css` cannot copy a file from elsewhere into the site.
 */
export class DeckRoot {
  /** The deck's folder as given (for deck-relative paths in the page). */
  readonly dir: string;
  /** Real paths of the folders reads may come from; the first is the deck's own. */
  readonly dirs: string[];
  private readonly input: string;

  constructor(input: string, allow: readonly string[] = []) {
    const abs = resolve(input);
    let folder = false;
    try {
      folder = statSync(abs).isDirectory();
    } catch {
      /* a missing input is reported by findInput */
    }
    this.dir = folder ? abs : dirname(abs);
    this.input = folder ? '' : realOrResolved(abs);
    this.dirs = [realOrResolved(this.dir), ...allow.map(realOrResolved)];
  }

  contains(real: string): boolean {
    return real === this.input || this.dirs.some((d) => isInside(d, real));
  }

  /**
   * The real path of `path` when it is a readable regular file inside the deck; null when nothing is
   * there; a ReadProblem saying exactly what is wrong otherwise (outside, a folder, a FIFO, unreadable).
   */
  file(path: string): string | null {
    const shown = `\`${displayPath(path)}\``;
    let real: string;
    try {
      real = realpathSync(resolve(path));
    } catch (e) {
      if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') {
        if (!isLink(path)) return null;
        throw new ReadProblem({
          file: displayPath(path),
          line: 0,
          code: 'broken-link',
          message: `${shown} is a symbolic link to a file that does not exist`,
          hint: 'point the link at an existing file, or replace it with the file',
        });
      }
      throw unreadable(path, e);
    }
    if (!this.contains(real)) {
      throw new ReadProblem({
        file: displayPath(path),
        line: 0,
        code: 'outside-deck',
        message: `${shown} is outside the deck folder${displayPath(real) === displayPath(path) ? '' : ` (it is ${displayPath(real)})`}`,
        hint: `a deck reads only files inside ${displayPath(this.dir)}; move the file there, or pass --allow-dir ${displayPath(dirname(real))}`,
      });
    }
    let stats: Stats;
    try {
      stats = statSync(real);
    } catch (e) {
      throw unreadable(path, e);
    }
    if (!stats.isFile()) {
      throw new ReadProblem({
        file: displayPath(path),
        line: 0,
        code: 'not-a-file',
        message: `${shown} is ${kindOf(stats)}, not a file`,
        hint: 'name a regular file',
      });
    }
    // Opening (not just stat) finds a file the user may not read, which would otherwise fail later with a stack trace.
    try {
      closeSync(openSync(real, 'r'));
    } catch (e) {
      throw unreadable(path, e);
    }
    return real;
  }

  /** The page's `data-file` attributes as paths relative to the deck folder: the site never shows `/home/…`. */
  relativeHtml(html: string): string {
    return html.replace(/(<section[^>]*? data-file=")([^"]*)"/g, (_, head: string, file: string) => {
      const rel = relative(this.dir, resolve(unescape(file)))
        .split('\\')
        .join('/');
      return `${head}${escapeHtml(rel)}"`;
    });
  }
}

/** A located "cannot be read" for a failed read of `path`. */
export function unreadable(path: string, e: unknown): ReadProblem {
  const code = errno(e);
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ELOOP' ? 'too many symbolic links (a loop?)' : (code ?? String(e));
  return new ReadProblem({
    file: displayPath(path),
    line: 0,
    code: 'unreadable',
    message: `\`${displayPath(path)}\` cannot be read: ${why}`,
    hint: code === 'EACCES' || code === 'EPERM' ? "check the file's permissions, e.g. `chmod a+r`" : 'check the file',
  });
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
