import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { DeckIssue } from '../compile/errors.ts';
import type { Deck } from '../compile/types.ts';
import { sizeProblem } from '../compile/slide-size.ts';
import { buildOffThread } from './build-off-thread.ts';
import { Cleanup } from './cleanup.ts';
import type { Progress } from './progress.ts';
import { serveStatic } from './serve.ts';
import { makeTempDir, removeStaleTemp, removeTempDir } from './temp.ts';
import { keepYoungGenerationSmall } from './young-generation.ts';

const noop = (): void => undefined;

/** A built deck served on loopback, with a browser to open it. */
export interface Session {
  deck: Deck;
  /** The deck's URL, ending in `/`. */
  url: string;
  /** The browser, as one context on a throwaway profile: `context.newPage()` for more tabs. */
  context: BrowserContext;
  /** A blank page at the deck's size, opened while the deck was building. */
  page: Page;
  /** The built deck's folder (served at `url`). */
  outDir: string;
}

/** The deck to open, and the folders outside it that it may read (`--allow-dir`). */
export interface SessionOptions {
  input: string;
  allowDirs?: readonly string[];
  /** Names the temp folder, so a stale one is recognised by kind (default `export`). */
  purpose?: 'export' | 'check';
}

/** The deck failed to compile: its issues, for the CLI to print as `file:line: message`. */
export interface SessionFailure {
  issues: DeckIssue[];
}

/**
 * Builds `input` into a temporary folder, serves it on an ephemeral loopback port and launches Chromium.
 * Build, browser start and a first page happen in parallel (each takes a moment); `cleanup` undoes all of it.
 * Throws NoBrowserError when there is no browser and the deck itself is fine.
 */
export async function openSession(
  { input, allowDirs = [], purpose = 'export' }: SessionOptions,
  cleanup: Cleanup,
  progress: Progress,
): Promise<Session | SessionFailure> {
  progress.phase(`building ${input}`);
  removeStaleTemp();
  const tmp = makeTempDir(purpose);
  let closed = false;
  cleanup.add(() => removeTempDir(tmp, { stopBrowser: !closed }));
  // The build starts first, on its own thread; Playwright loads here meanwhile and starts Chromium, so the
  // build, Playwright and Chromium's start overlap instead of following each other.
  let threadStarted = noop;
  const started = new Promise<void>((done) => {
    threadStarted = () => done();
  });
  const building = buildOffThread({ input, outDir: join(tmp, 'dist'), allowDirs }, () => threadStarted());
  building.catch(() => undefined);
  // Before Playwright loads, whose loading would grow the young generation (the build thread's start undoes the
  // setting, so it waits for the thread: ~25-35 ms, while the thread starts anyway).
  await Promise.race([started, building.then(noop, noop)]);
  keepYoungGenerationSmall();
  const { launchProfile } = await import('./browser.ts');
  const launching = launchProfile(join(tmp, 'browser'), { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  launching.catch(() => undefined);
  // Registered now, so a signal during the build still closes a browser that is starting.
  cleanup.add(() =>
    launching.then(
      async (b) => {
        await b.close();
        closed = true;
      },
      () => {
        closed = true;
      },
    ),
  );
  const built = await building;
  const tooLarge = built.ok ? sizeProblem(built.deck) : undefined;
  if (!built.ok || tooLarge) {
    launching.catch(() => undefined);
    return { issues: [...built.deck.issues, ...(tooLarge ? [tooLarge] : [])] };
  }
  const server = await serveStatic(built.outDir);
  cleanup.add(() => server.close());
  progress.phase('starting Chromium');
  const context = await launching;
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: built.deck.meta.width, height: built.deck.meta.height });
  return { deck: built.deck, url: server.url, context, page, outDir: built.outDir };
}

/** Narrows a session result to the failure case. */
export const failed = (s: Session | SessionFailure): s is SessionFailure => 'issues' in s;

/**
 * Runs one export: signals trapped (Ctrl+C undoes everything), a session opened, `work` given the session and
 * the undo list, and everything the export started (browser, server, temp files) undone at the end, whatever
 * happened. Signals stay trapped until the undo is complete, so a Ctrl+C then waits for it instead of cutting it short.
 */
export async function withSession<T>(
  options: SessionOptions,
  progress: Progress,
  work: (session: Session, cleanup: Cleanup) => Promise<T>,
): Promise<T | { ok: false; issues: DeckIssue[] }> {
  const cleanup = new Cleanup();
  const release = cleanup.trapSignals((signal) => progress.phase(`${signal}: stopping and removing temporary files`));
  try {
    const session = await openSession(options, cleanup, progress);
    if (failed(session)) return { ok: false, issues: session.issues };
    return await work(session, cleanup);
  } finally {
    progress.end();
    await cleanup.run();
    release();
  }
}
