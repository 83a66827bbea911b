// vitest globalSetup: the browsers that tests/shared-browser.ts connects to, one per worker, started once
// for the run and closed after it. The fast tier (tests/unit only) starts none, nor does
// CHOKEPOINT_TEST_OWN_BROWSER=1 (each file then launches its own, as before: to compare, or to rule sharing out).
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, findBrowser } from '../src/browser/browser.ts';
import { FAST } from './budget.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workers = FAST || process.env.CHOKEPOINT_TEST_OWN_BROWSER === '1' ? 0 : Number(project.config.maxWorkers) || 1;
  let servers: BrowserServer[] = [];
  try {
    const executablePath = findBrowser();
    const launched = await Promise.allSettled(
      Array.from({ length: workers }, () => chromium.launchServer({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 120_000 })),
    );
    servers = launched.flatMap((l) => (l.status === 'fulfilled' ? [l.value] : []));
    if (servers.length < workers) throw new Error('a browser server did not start');
  } catch {
    // No browser here, or one would not start: each file launches its own and says why it cannot.
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  }
  project.provide(
    'browserServers',
    servers.map((s) => s.wsEndpoint()),
  );
  return async () => {
    await Promise.all(servers.map((s) => s.close()));
  };
}
