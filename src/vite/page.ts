import type { ServerResponse } from 'node:http';
import { join, normalize, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import type { DeckIssue } from '../compile/errors.ts';
import { contentSecurityPolicy } from '../compile/page.ts';
import { displayPath } from '../node/display-path.ts';
import { packageRoot } from '../node/paths.ts';
import { runtimeBundle, type RuntimeBundle } from '../node/runtime-bundle.ts';
import { isInside } from '../node/deck-root.ts';
import { assetHeaders } from '../browser/asset-policy.ts';
import { notFound, serveFile } from './serve-file.ts';
import type { DevStatus } from './status.ts';

export const PREFIX = '/@chokepoint/runtime/';
/**
 * A classic script the first page loads last (early-page.ts): it fetches the dev page's module, which Vite
 * serves, once the page has loaded; a module fetched before would hold the page's load event until Vite is up.
 */
export const HANDOVER = '/@chokepoint/handover.js';
// `import (` with a space: scripts/bundle-cli.mjs rewrites this module's own dynamic imports, not the page's.
const HANDOVER_CODE =
  "const handOver = () => import ('/src/runtime/dev.ts').catch((e) => console.error('chokepoint dev: hot reload did not start; reload the page', e));\n" +
  "if (document.readyState === 'complete') handOver();\nelse addEventListener('load', handOver, { once: true });\n";
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Slides</title>
<link rel="icon" href="data:,">
</head>
<body>
<div class="reveal"><div class="slides"></div></div>
<script type="module" src="/src/runtime/dev.ts"></script>
</body>
</html>
`;

/**
 * Serves the dev page at `/`: the prebuilt runtime bundle (the one `build` ships, so the page does not
 * wait on Vite transforming reveal.js and the theme) plus `src/runtime/dev.ts`, which takes the deck
 * from `virtual:deck`. An edit to the runtime or theme rebuilds the bundle and reloads the page; a broken
 * edit keeps the last good bundle and shows the error in the page until the next good save.
 */
export function devPage(status: DevStatus, initial?: RuntimeBundle): Plugin {
  let runtime: RuntimeBundle;
  let building = 0;
  return {
    name: 'chokepoint:page',
    async configureServer(server) {
      runtime = initial ?? (await runtimeBundle());
      const sources = [join(packageRoot, 'src/runtime') + sep, join(packageRoot, 'assets') + sep];
      const rebuild = async (file: string) => {
        const run = ++building;
        try {
          const next = await runtimeBundle();
          if (run !== building) return;
          runtime = next;
          status.setRuntimeIssues([]);
          server.ws.send({ type: 'full-reload' });
        } catch (e) {
          if (run === building) status.setRuntimeIssues([runtimeIssue(e, file)]);
        }
      };
      server.watcher.on('change', (file) => {
        if (sources.some((s) => file.startsWith(s))) void rebuild(file);
      });
      server.middlewares.use((req, res, next) => (serveRuntime(req.url, res, runtime.dir) || serveHandover(req.url, res) ? undefined : next()));
      return () => {
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '/').split('?')[0];
          if (path !== '/' && path !== '/index.html') return next();
          const { scripts, styles, scriptHashes } = runtime;
          // Added after Vite's transform, which would otherwise try to resolve these as source files.
          const tags = [
            ...styles.map((s) => `<link rel="stylesheet" href="${PREFIX}${s}">`),
            ...scripts.map((s) => `<script type="module" src="${PREFIX}${s}"></script>`),
          ].join('\n');
          server.transformIndexHtml(req.url ?? '/', PAGE).then((html) => {
            res.setHeader('Content-Type', 'text/html; charset=utf-8');
            res.setHeader('Cache-Control', 'no-store');
            res.setHeader('Content-Security-Policy', devPolicy(scriptHashes, req.headers.host));
            res.end(html.replace('</head>', `${tags}\n</head>`));
          }, next);
        });
      };
    },
  };
}

/** Sends the handover script for its URL; false for other URLs. */
export function serveHandover(url: string | undefined, res: ServerResponse): boolean {
  if ((url ?? '/').split('?')[0] !== HANDOVER) return false;
  res.setHeader('Content-Type', 'text/javascript');
  res.setHeader('Cache-Control', 'no-store');
  res.end(HANDOVER_CODE);
  return true;
}

/** Sends a file of the runtime bundle for a `/@chokepoint/runtime/` URL (404 outside it); false for other URLs. */
export function serveRuntime(url: string | undefined, res: ServerResponse, dir: string): boolean {
  const path = (url ?? '/').split('?')[0]!;
  if (!path.startsWith(PREFIX)) return false;
  let rel: string;
  try {
    rel = decodeURIComponent(path.slice(PREFIX.length));
  } catch {
    return (notFound(res), true);
  }
  const file = normalize(join(dir, rel));
  if (!isInside(dir, file) || file === dir) return (notFound(res), true);
  assetHeaders(res);
  serveFile(res, file);
  return true;
}

/**
 * The built page's Content-Security-Policy, so an inline `onerror` in a deck cannot run (and fetch a
 * file) in dev either; plus the one thing Vite's hot reload needs: a WebSocket back to this server.
 */
export function devPolicy(scriptHashes: string[], host: string | undefined): string {
  // The very policy the built page carries in its <meta> (compile/page.ts).
  const built = contentSecurityPolicy(scriptHashes);
  const hmr = host && /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host) ? ` ws://${host} wss://${host}` : '';
  return built.replace("connect-src 'self'", `connect-src 'self'${hmr}`);
}

/** A failed runtime build (say, a syntax error in assets/theme/*.css) as an issue the page shows. */
function runtimeIssue(e: unknown, changed: string): DeckIssue {
  const first = (e as { errors?: unknown[] }).errors?.[0];
  const err = (first ?? e) as { message?: string; id?: string; loc?: { file?: string; line?: number } };
  const file = err.loc?.file ?? err.id ?? changed;
  // The first line that says something: Vite wraps the cause in "Build failed with 1 error:".
  const message =
    (err.message ?? String(e))
      .split('\n')
      .map((l) => l.replace(/^\s*(\[[^\]]+\]\s*)*/, '').trim())
      .find((l) => l && !/^(Build failed with \d+ errors?:?|error:?)$/i.test(l)) ?? 'unknown error';
  const shown = isInside(packageRoot, file) ? relative(packageRoot, file).split(sep).join('/') : displayPath(file);
  return {
    file: shown,
    line: err.loc?.line ?? 0,
    severity: 'error',
    code: 'runtime-build-failed',
    message: `the built-in theme or runtime does not build: ${message}`,
    hint: 'fix the file and save; the page keeps the last good version until then',
  };
}
