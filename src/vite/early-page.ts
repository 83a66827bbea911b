import { realpathSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, sep } from 'node:path';
import { escapeHtml } from '../compile/html.ts';
import { assetHeaders } from '../browser/asset-policy.ts';
import type { RuntimeBundle } from '../node/runtime-bundle.ts';
import type { DevAccess } from './access.ts';
import type { Payload } from './deck-compiler.ts';
import { devPolicy, HANDOVER, PREFIX, serveHandover, serveRuntime } from './page.ts';
import { serveFile } from './serve-file.ts';

// What the first page may need from a deck's folder before Vite is up: the kinds of file a slide shows.
const EARLY_KINDS = new Set(['.css', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.woff2']);

/**
 * The page served before Vite is ready: like a built page, the slides are in it and the runtime bundle starts
 * them (so slide 1 shows without Vite); the handover script then loads `src/runtime/dev.ts` through Vite, which
 * takes over this page in place for hot updates (see dev.ts). `data-deck-version` tells it which compile
 * the slides come from; `data-deck-partial`, that they are only the deck's first file (DeckCompiler.preview).
 */
export function earlyPage(payload: Payload, runtime: RuntimeBundle): string {
  // `</` inside JSON would close the script element early.
  const config = JSON.stringify(payload.config).replace(/</g, '\\u003c');
  const head = [
    ...runtime.styles.map((s) => `<link rel="stylesheet" href="${PREFIX}${escapeHtml(s)}">`),
    ...payload.styles.map((s) => `<link rel="stylesheet" href="${escapeHtml(s)}" data-deck-style>`),
    ...runtime.scripts.map((s) => `<script defer src="${PREFIX}${escapeHtml(s)}"></script>`),
    `<script defer src="${HANDOVER}"></script>`,
  ];
  return `<!doctype html>
<html lang="en" data-deck-version="${payload.version}"${payload.partial ? ' data-deck-partial' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(payload.title)}</title>
<link rel="icon" href="data:,">
${head.join('\n')}
</head>
<body>
<div class="reveal"><div class="slides">
${payload.html}
</div></div>
<script type="application/json" id="deck-config">${config}</script>
</body>
</html>
`;
}

/** Sends the first page with the dev page's headers (its CSP allows the hot-reload socket to this host). */
export function sendEarlyPage(req: IncomingMessage, res: ServerResponse, payload: Payload, runtime: RuntimeBundle): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', devPolicy(runtime.scriptHashes, req.headers.host));
  res.end(earlyPage(payload, runtime));
}

/**
 * Answers what the first page loads before Vite is up: the runtime bundle, the handover script, and the
 * deck's own stylesheets and images, only files the last compile named (no folder is served whole here) and
 * no dot-file or dot-folder (Vite's deny list: keys, `.git`...). False for anything else: it waits for Vite.
 */
export function serveEarly(req: IncomingMessage, res: ServerResponse, runtime: RuntimeBundle, access: DevAccess): boolean {
  const url = req.url ?? '/';
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (serveHandover(url, res)) return true;
  // A file the bundle does not have waits for Vite, whose 404 is also said in the terminal (failed-requests.ts).
  if (url.startsWith(PREFIX)) return runtime.files.some((f) => url.split('?')[0] === `${PREFIX}${f}`) && serveRuntime(url, res, runtime.dir);
  if (!url.startsWith('/@fs/')) return false;
  let real: string;
  try {
    real = realpathSync(decodeURIComponent(url.slice('/@fs'.length).split(/[?#]/)[0]!));
  } catch {
    return false;
  }
  const named = access.hasFile(real) && !real.split(sep).some((part) => part.startsWith('.'));
  if (!named || !EARLY_KINDS.has(extname(real).toLowerCase())) return false;
  assetHeaders(res);
  serveFile(res, real);
  return true;
}
