import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connect } from 'vite';
import { isInside, realOrResolved } from '../node/deck-root.ts';
import { runtimeDirs } from './runtime-dirs.ts';
import { notFound, serveFile } from './serve-file.ts';

/**
 * What the dev server may hand out under `/@fs/`: the package's runtime and dependencies, the deck's folder
 * (for a folder input), and exactly the files the deck is made of (its Markdown, data, sources, theme and
 * every image it names). `dev ~/talk.md` must not serve `~/.ssh/id_rsa`. Vite's `server.fs.allow` is kept
 * equal to this list; a guard in front of Vite also checks the real path, so a symlink cannot lead out.
 */
export class DevAccess {
  private files = new Set<string>();
  private viteAllow: string[] | undefined;
  private base: string[] = [];

  /** `dirs`: folders served whole (absolute); `files`: files served before the first compile. */
  constructor(
    private readonly dirs: string[],
    files: string[],
  ) {
    this.dirs = dirs.map(realOrResolved);
    this.files = new Set(files.map(realOrResolved));
  }

  /** The list for Vite's `server.fs.allow` at start. */
  get allowList(): string[] {
    return [...this.dirs, ...this.files];
  }

  /** Keeps Vite's resolved `server.fs.allow` (read on every request) equal to ours as the deck changes. */
  bind(allow: string[]): void {
    this.viteAllow = allow;
    const ours = new Set(this.files);
    this.base = allow.filter((a) => !ours.has(a));
  }

  /** Replaces the deck's files after a compile. */
  setFiles(files: Iterable<string>): void {
    this.files = new Set([...files].map(realOrResolved));
    this.viteAllow?.splice(0, this.viteAllow.length, ...this.base, ...this.files);
  }

  /** True for a file the last compile named (not for the folders served whole). */
  hasFile(real: string): boolean {
    return this.files.has(real);
  }

  allows(real: string): boolean {
    return this.files.has(real) || this.dirs.some((d) => isInside(d, real));
  }

  /** Answers 404 for a `/@fs/` path whose real path is not the deck's or the package's. */
  readonly guard: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/@fs/')) return next();
    let path: string;
    try {
      path = decodeURIComponent(url.slice('/@fs'.length).split(/[?#]/)[0]!);
      path = realpathSync(path);
    } catch {
      return notFound(res);
    }
    if (!this.allows(path)) return notFound(res);
    // Vite decodes /@fs/ paths with decodeURI, which keeps %23 and %3F: a file named `a#b.png` is sent from here.
    return /[#?]/.test(path) ? serveFile(res, path) : next();
  };
}

/**
 * What `dev` of `input` may serve: the runtime's own folders (see runtime-dirs.ts) and a folder input, whole;
 * a single-file input serves only its own files (added after each compile), never the folder around it.
 */
export function devAccess(options: { input: string }): DevAccess {
  const input = resolve(options.input);
  const isFile = existsSync(input) && statSync(input).isFile();
  return new DevAccess([...runtimeDirs(), ...(isFile ? [] : [input])], [input]);
}
