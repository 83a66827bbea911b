/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// `vite` alone presents slides/ like `npm start`; under vitest (mode "test") only the test settings apply.
export default defineConfig(async ({ mode }) => {
  if (mode !== 'test') {
    const { devConfig } = await import('./src/vite/server.ts');
    const { configFile: _, ...dev } = devConfig({ input: process.env.CHOKEPOINT_INPUT ?? 'slides' });
    return dev;
  }
  return {
    test: {
      include: ['tests/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 180_000,
      pool: 'forks',
      maxWorkers: 2,
    },
  };
});
