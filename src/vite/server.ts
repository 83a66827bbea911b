import { dirname, join, resolve, sep } from 'node:path';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';
import { packageRoot } from '../node/paths.ts';
import { chokepointPlugin } from './plugin.ts';
import { devPage } from './page.ts';

export interface DevOptions {
  input: string;
  port?: number;
  host?: string;
}

/** Vite settings for presenting `input` with hot reload; shared by the CLI and vite.config.ts. */
export function devConfig(options: DevOptions): InlineConfig {
  const input = resolve(options.input);
  const inputDir = existsSync(input) && statSync(input).isFile() ? dirname(input) : input;
  return {
    configFile: false,
    root: packageRoot,
    clearScreen: false,
    logLevel: 'warn',
    appType: 'custom',
    plugins: [chokepointPlugin({ input: options.input }), devPage()],
    // reveal.js ships ESM: pre-bundling would only add a reload on first visit.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      port: options.port ?? 5173,
      host: options.host ?? 'localhost',
      // Installed as a dependency, Chokepoint may have no node_modules of its own (npm hoists them).
      fs: { allow: [packageRoot, ...(existsSync(join(packageRoot, 'node_modules')) ? [realpathSync(join(packageRoot, 'node_modules'))] : []), inputDir] },
      // Watch only what the page is made of, not the whole package (tests, lib, benchmarks...).
      watch: { ignored: outside([join(packageRoot, 'src/runtime'), join(packageRoot, 'assets'), inputDir]) },
      // Transform the page's module (and compile the deck) while the browser is still on its way.
      warmup: { clientFiles: ['./src/runtime/dev.ts'] },
    },
  };
}

/** Starts the dev server and returns it once it listens. */
export async function startDevServer(options: DevOptions): Promise<ViteDevServer> {
  const server = await createServer(devConfig(options));
  await server.listen();
  return server;
}

/** A watcher filter that ignores every path of the package except `keep` (and the folders leading to it). */
function outside(keep: string[]): (path: string) => boolean {
  return (path) => {
    const p = resolve(path);
    if (keep.some((k) => p === k || p.startsWith(k + sep) || k.startsWith(p + sep))) return false;
    return p.startsWith(packageRoot);
  };
}
