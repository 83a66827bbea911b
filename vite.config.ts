/// <reference types="vitest/config" />
import { createLogger, defineConfig } from 'vite';

// `vite` alone presents slides/ like `npm start`; under vitest (mode "test") only the test settings apply.
export default defineConfig(async ({ mode }) => {
  if (mode !== 'test') {
    const { devConfig } = await import('./src/vite/server.ts');
    const { configFile: _, ...dev } = devConfig({ input: process.env.CHOKEPOINT_INPUT ?? 'slides' }, createLogger('warn'));
    return dev;
  }
  const { LongestFirst } = await import('./tests/sequencer.ts');
  return {
    test: {
      include: ['tests/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 180_000,
      pool: 'forks',
      maxWorkers: 2,
      // One Chromium per worker, shared by its files (tests/shared-browser.ts).
      globalSetup: ['tests/browser-servers.ts'],
      // A worker's files share its process: the sources and libraries they import load once per worker, not
      // once per file (~1 s of CPU saved a browser file). Each test file still runs its own module and hooks.
      isolate: false,
      sequence: { sequencer: LongestFirst },
    },
  };
});
