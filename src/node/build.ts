import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { renderPage } from '../compile/page.ts';
import type { DeckIssue } from '../compile/errors.ts';
import type { Deck } from '../compile/types.ts';
import { buildCache } from './build-cache.ts';
import { compileInput } from './compile.ts';
import { cssReference, rewriteCssUrls } from './css-assets.ts';
import { DeckRoot, realOrResolved, unreadable } from './deck-root.ts';
import { displayPath } from './display-path.ts';
import { makeBuildTemp, removeStaleBuildTemps } from './build-temp.ts';
import { makeDirs } from './make-dir.ts';
import { installBuild, planOutDir } from './out-dir.ts';
import { writeIssue } from './write-error.ts';
import { runtimeBundle } from './runtime-bundle.ts';

export interface BuildResult {
  deck: Deck;
  /** Errors stop the build; warnings do not. */
  ok: boolean;
  outDir: string;
  files: number;
  bytes: number;
}

/**
 * Builds the static site for the deck at `input` into `outDir`: index.html plus hashed assets. An abort of
 * `options.signal` (Ctrl+C) stops the copy between files, removes the staging folder and leaves `outDir` as it was.
 */
export async function buildDeck(input: string, outDir: string, options: { allowDirs?: readonly string[]; signal?: AbortSignal } = {}): Promise<BuildResult> {
  const allow = options.allowDirs ?? [];
  const assets = new Map<string, string>();
  // Stylesheets are copied with the fonts and images they name (KaTeX's fonts, a custom theme's files).
  const stylesheets = new Map<string, string>();
  const assetUrl = (path: string): string => {
    let url = assets.get(path);
    if (!url) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (e) {
        throw unreadable(path, e);
      }
      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
      const ext = extname(path);
      url = `assets/${basename(path, ext).replace(/[^\w.-]+/g, '-')}-${hash}${ext.toLowerCase()}`;
      assets.set(path, url);
      if (ext.toLowerCase() === '.css') stylesheets.set(url, rewriteCssUrls(bytes.toString('utf8'), path, url, cssReference(path, assetUrl)));
    }
    return url;
  };
  const kept = buildCache(input, allow);
  const deck = compileInput(input, assetUrl, kept.cache, allow);
  kept.save();
  const failed = (issues = deck.issues): BuildResult => ({ deck: { ...deck, issues }, ok: false, outDir, files: 0, bytes: 0 });
  if (deck.issues.some((i) => i.severity === 'error')) return failed();
  const runtime = await runtimeBundle();
  const files = [...runtime.files, ...new Set(assets.values()), 'index.html'];
  const plan = planOutDir(outDir, input, [...deck.files, ...assets.keys()], files);
  if ('severity' in plan) return failed([...deck.issues, plan]);

  // Write beside the target, then move our files in: a failed build never leaves half a site or a tmp folder.
  const target = realOrResolved(outDir);
  let tmp: string;
  try {
    makeDirs(dirname(target));
    removeStaleBuildTemps(target);
    tmp = makeBuildTemp(target);
  } catch (e) {
    return failed([...deck.issues, writeIssue(outDir, e, 'the build', 'the output folder was left as it was')]);
  }
  try {
    let bytes = 0;
    // Asynchronous, so a signal is seen between files: a 400 MB copy stops at once instead of running to the end.
    const write = async (rel: string, from: string | Buffer) => {
      options.signal?.throwIfAborted();
      const to = join(tmp, rel);
      await mkdir(dirname(to), { recursive: true });
      if (typeof from === 'string') await copyFile(from, to);
      else await writeFile(to, from);
      bytes += (await stat(to)).size;
    };
    try {
      for (const f of runtime.files) await write(f, join(runtime.dir, f));
      for (const [path, url] of [...assets].sort()) await write(url, stylesheets.has(url) ? Buffer.from(stylesheets.get(url)!) : path);
      // The published page names its Markdown files relative to the deck, never by an absolute path.
      const root = new DeckRoot(input, allow);
      await write('index.html', Buffer.from(renderPage({ ...deck, html: root.relativeHtml(deck.html) }, runtime)));
      options.signal?.throwIfAborted();
    } catch (e) {
      if (options.signal?.aborted) return failed([...deck.issues, interrupted(outDir)]);
      // A full disk while staging: the output folder has not been touched yet.
      return failed([...deck.issues, writeIssue(outDir, e, 'the build', 'the output folder was left as it was')]);
    }
    try {
      installBuild(tmp, outDir, files, plan);
    } catch (e) {
      // Say what went wrong (a file of the user's where a folder of ours goes, a full disk), not a stack trace.
      return failed([...deck.issues, writeIssue(outDir, e, 'the build', 'the files it moved in so far are listed in .chokepoint-build.json')]);
    }
    return { deck, ok: true, outDir, files: files.length, bytes };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The build stopped on a signal: the code the CLI turns into its exit status. */
export const INTERRUPTED = 'build-interrupted';

const interrupted = (outDir: string): DeckIssue => ({
  file: displayPath(outDir),
  line: 0,
  severity: 'error',
  code: INTERRUPTED,
  message: 'the build was interrupted; its temporary files were removed and the output folder was left as it was',
});
