// One Chromium per vitest worker, shared by the test files that worker runs. Launching a browser costs each
// file about a second (0.3 s or more of CPU); connecting to one already running costs a tenth of that. The
// browsers are the ones `launchBrowser` starts (same binary, same flags), launched by vitest's globalSetup
// (tests/browser-servers.ts) as Playwright browser servers, one for each worker (VITEST_POOL_ID 1..maxWorkers).
// Closing a connected browser closes the contexts and pages this file opened and disconnects; the browser
// itself lives until the run ends. Without servers (`npm run test:unit`, or a run of one file without the
// setup) a file launches its own browser as before.
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchBrowser as launchOwn } from '../src/browser/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Each worker's browser server, by VITEST_POOL_ID - 1; empty when none were started. */
    browserServers: string[];
  }
}

/** A browser for this test file: the worker's shared one when there is one, else a fresh launch. */
export async function launchBrowser(): Promise<Browser> {
  const servers = inject('browserServers') ?? [];
  const endpoint = servers[(Number(process.env.VITEST_POOL_ID) || 1) - 1];
  return endpoint ? chromium.connect(endpoint) : launchOwn();
}
