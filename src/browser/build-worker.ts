import { parentPort, workerData } from 'node:worker_threads';
import { DeckError } from '../compile/errors.ts';
import { buildDeck } from '../node/build.ts';
import type { BuildJob, BuildReply } from './build-off-thread.ts';

// Runs one build for an export, on its own thread (see build-off-thread.ts).
const { input, outDir, allowDirs } = workerData as BuildJob;
let reply: BuildReply;
try {
  reply = { result: await buildDeck(input, outDir, { allowDirs }) };
} catch (e) {
  reply = e instanceof DeckError ? { deckError: e.issue } : { error: (e as Error)?.message ?? String(e) };
}
parentPort!.postMessage(reply);
