import { dirname, join, resolve, sep } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';
import { packageRoot } from '../node/paths.ts';
import { DevAccess } from './access.ts';
import { failedRequests } from './failed-requests.ts';
import { chokepointPlugin } from './plugin.ts';
import { devPage } from './page.ts';
import { runtimeDirs } from './runtime-dirs.ts';
import { devLogger, devSockets } from './sockets.ts';
import { DevStatus } from './status.ts';

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

/** Vite settings for presenting `input` with hot reload; shared by the CLI and vite.config.ts. */
export function devConfig(options: DevOptions): InlineConfig {
  const input = resolve(options.input);
  const isFile = existsSync(input) && statSync(input).isFile();
  const inputDir = isFile ? dirname(input) : input;
  const allow = options.allowDirs ?? [];
  // Served whole: the runtime's own folders (see runtime-dirs.ts), and a folder input. A single-file input
  // serves only its own files (added after each compile), never the folder around it.
  const access = new DevAccess([...runtimeDirs(), ...(isFile ? [] : [input])], [input]);
  const status = new DevStatus();
  return {
    configFile: false,
    root: packageRoot,
    clearScreen: false,
    logLevel: 'warn',
    customLogger: devLogger(),
    appType: 'custom',
    plugins: [devSockets(), failedRequests(), chokepointPlugin({ input: options.input, allowDirs: allow, access, status }), devPage(status)],
    // reveal.js ships ESM: pre-bundling would only add a reload on first visit.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      port: options.port ?? 5173,
      host: options.host ?? 'localhost',
      allowedHosts: [...(options.allowHosts ?? [])],
      fs: { strict: true, allow: access.allowList, deny: DENY },
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
  // The page's first module script is Vite's client, and module scripts run in order: until it is
  // transformed, the deck's own module cannot run. Transform it while the browser is on its way.
  void server.warmupRequest('/@vite/client').catch(() => undefined);
  try {
    await server.listen();
  } catch (e) {
    await server.close();
    throw e;
  }
  return server;
}

/**
 * What `dev` prints once listening: every URL the server answers on (with `--host 0.0.0.0`, the network
 * addresses too), and the port it took when the one asked for was busy.
 */
export function listeningLines(server: ViteDevServer, requestedPort: number | undefined): string[] {
  const urls = [...(server.resolvedUrls?.local ?? []), ...(server.resolvedUrls?.network ?? [])];
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : server.config.server.port;
  const wanted = requestedPort ?? 5173;
  const moved = wanted !== 0 && port !== wanted ? ` (port ${wanted} is in use; took ${port})` : '';
  return urls.length > 0 ? urls.map((u, i) => `${i === 0 ? '' : '  also '}${u}${i === 0 ? moved : ''}`) : [`http://localhost:${port}/${moved}`];
}

/** A watcher filter that ignores every path of the package except `keep` (and the folders leading to it). */
function outside(keep: string[]): (path: string) => boolean {
  return (path) => {
    const p = resolve(path);
    if (keep.some((k) => p === k || p.startsWith(k + sep) || k.startsWith(p + sep))) return false;
    return p.startsWith(packageRoot);
  };
}
