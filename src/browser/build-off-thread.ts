import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DeckError, type DeckIssue } from '../compile/errors.ts';
import type { BuildResult } from '../node/build.ts';

/** What the build thread is asked to do. */
export interface BuildJob {
  input: string;
  outDir: string;
  allowDirs: readonly string[];
}
/** What it answers: the build's result, or what it threw. */
export type BuildReply = { result: BuildResult } | { deckError: DeckIssue } | { error: string };

/**
 * Builds the deck for an export on a worker thread. The main thread stays free to start Chromium at the same
 * time (Playwright's launch is a conversation with the browser that a busy thread would hold up), and the
 * compiler's modules and garbage (~50 MB) leave with the thread instead of staying in the process while
 * Chromium renders. From the TypeScript sources (tests), where a worker cannot load `.ts`, it builds here.
 * `started` is called once the thread runs (and before the build, when it builds here).
 */
export async function buildOffThread(job: BuildJob, started: () => void = () => undefined): Promise<BuildResult> {
  const script = new URL('./build-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(script))) {
    started();
    const { buildDeck } = await import('../node/build.ts');
    return buildDeck(job.input, job.outDir, { allowDirs: job.allowDirs });
  }
  const worker = new Worker(script, { workerData: job });
  worker.once('online', started);
  try {
    const reply = await new Promise<BuildReply>((done, fail) => {
      worker.once('message', done);
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`the build thread stopped (exit code ${code})`)));
    });
    if ('deckError' in reply) throw new DeckError(reply.deckError);
    if ('error' in reply) throw new Error(reply.error);
    return reply.result;
  } finally {
    void worker.terminate();
  }
}
