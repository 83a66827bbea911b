import { dirname, join, resolve, sep } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { InlineConfig, Logger } from 'vite';
import { packageRoot } from '../node/paths.ts';
import { devAccess, type DevAccess } from './access.ts';
import { failedRequests } from './failed-requests.ts';
import { chokepointPlugin } from './plugin.ts';
import { devPage } from './page.ts';
import { devLogger, devSockets } from './sockets.ts';
import { DevStatus } from './status.ts';
import type { DeckCompiler } from './deck-compiler.ts';
export { listeningLines } from './listening.ts';
import type { RuntimeBundle } from '../node/runtime-bundle.ts';

export interface DevOptions {
  input: string;
  port?: number;
  host?: string;
  /** Folders outside the deck it may read from (`--allow-dir`); default: none. */
  allowDirs?: readonly string[];
  /** Host names it answers besides addresses and localhost (`--allow-host`; Vite's `server.allowedHosts`). */
  allowHosts?: readonly string[];
}

/** Vite's own defaults (which a custom list replaces) plus the usual homes of keys and credentials. */
const DENY = [
  '.env',
  '.env.*',
  '*.{crt,pem,key,p12,pfx,cer,der}',
  '.npmrc',
  '.yarnrc.yml',
  '**/.git/**',
  '**/.ssh/**',
  '**/.aws/**',
  '**/.gnupg/**',
  '**/.kube/**',
  '**/.docker/**',
  '**/.config/gcloud/**',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '.netrc',
  '.pgpass',
  '.git-credentials',
  '*_history',
  '.*_history',
];

/** What the first page was made from, when our own server answered it before Vite was up. */
export interface DevShared {
  front: Server;
  port: number;
  access: DevAccess;
  status: DevStatus;
  compiler: DeckCompiler;
  runtime?: RuntimeBundle;
}

/**
 * Vite settings for presenting `input` with hot reload; shared by the CLI and vite.config.ts. `logger` is
 * Vite's `createLogger('warn')`. With `shared`,
 * Vite runs as the middleware of our own server (front.ts), which served the first page.
 */
export function devConfig(options: DevOptions, logger: Logger, shared?: DevShared): InlineConfig {
  const input = resolve(options.input);
  const isFile = existsSync(input) && statSync(input).isFile();
  const inputDir = isFile ? dirname(input) : input;
  const allow = options.allowDirs ?? [];
  const access = shared?.access ?? devAccess(options);
  const status = shared?.status ?? new DevStatus();
  const compiler = shared?.compiler;
  return {
    configFile: false,
    root: packageRoot,
    clearScreen: false,
    logLevel: 'warn',
    customLogger: devLogger(logger),
    appType: 'custom',
    plugins: [
      devSockets(),
      failedRequests(),
      chokepointPlugin({ input: options.input, allowDirs: allow, access, status, compiler, httpServer: shared?.front }),
      devPage(status, shared?.runtime),
    ],
    // reveal.js ships ESM: pre-bundling would only add a reload on first visit.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      port: shared?.port ?? options.port ?? 5173,
      host: options.host ?? 'localhost',
      // Behind our server: no server of Vite's own; its hot-reload socket listens on ours.
      ...(shared ? { middlewareMode: true, ws: { server: shared.front } } : {}),
      allowedHosts: [...(options.allowHosts ?? [])],
      fs: { strict: true, allow: access.allowList, deny: DENY },
      // Watch only what the page is made of, not the whole package (tests, lib, benchmarks...).
      watch: { ignored: outside([join(packageRoot, 'src/runtime'), join(packageRoot, 'assets'), inputDir]) },
      // Transform the page's module (and compile the deck) while the browser is still on its way.
      warmup: { clientFiles: ['./src/runtime/dev.ts'] },
    },
  };
}

/** A watcher filter that ignores every path of the package except `keep` (and the folders leading to it). */
function outside(keep: string[]): (path: string) => boolean {
  return (path) => {
    const p = resolve(path);
    if (keep.some((k) => p === k || p.startsWith(k + sep) || k.startsWith(p + sep))) return false;
    return p.startsWith(packageRoot);
  };
}
