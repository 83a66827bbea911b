import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheDir } from '../node/runtime-bundle.ts';
import { packageRoot } from '../node/paths.ts';

/**
 * The folders of Chokepoint's own that the dev page loads through `/@fs/`: its runtime sources and theme,
 * its cache (KaTeX's stylesheet and fonts), and Vite's client. Each is resolved where Node finds it, not
 * guessed from the package folder: npm hoists Vite into the user's `node_modules` when Chokepoint is a
 * local dependency, keeps it under Chokepoint in a global install, and pnpm puts it in its store. Only
 * these folders are added, never a whole `node_modules`.
 */
export function runtimeDirs(): string[] {
  const viteClient = dirname(createRequire(import.meta.url).resolve('vite/dist/client/env.mjs'));
  return [join(packageRoot, 'src'), join(packageRoot, 'assets'), cacheDir(), viteClient];
}
