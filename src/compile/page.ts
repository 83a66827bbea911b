import { escapeHtml } from './html.ts';
import { runtimeConfig } from './runtime-config.ts';
import type { Deck } from './types.ts';

/** The scripts and styles a page loads, as URLs relative to the page. */
export interface PageAssets {
  scripts: string[];
  styles: string[];
  /** Modules to preload (e.g. the entry's imports). */
  preload?: string[];
  /** Extra CSP script sources, e.g. `'sha256-…'` of an inline script the runtime must run. */
  scriptHashes?: string[];
}

/**
 * The deck's Content-Security-Policy: only the page's own origin (no CDN, no fonts from elsewhere) and no
 * inline script unless allowed by hash. `connect-src 'self'` also covers the `present` server's WebSocket.
 */
export const contentSecurityPolicy = (hashes: string[] = []) =>
  `default-src 'self'; script-src 'self'${hashes.map((h) => ` ${h}`).join('')}; ` +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; " +
  "frame-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

// Shown only if the runtime has not started 4 s after load (it removes this line when it starts), so a
// deck that cannot run says what to do instead of staying a blank page.
const FALLBACK =
  '<p id="deck-fallback" role="status" style="position:fixed;inset:auto 0 0 0;margin:0;padding:.6em 1em;' +
  'font:16px/1.4 system-ui,sans-serif;background:#fff3cd;color:#222;opacity:0;animation:deck-fallback 0s 4s forwards">' +
  'The slides did not start. Allow JavaScript for this page, or serve the folder: <code>npx chokepoint preview dist</code>.</p>' +
  '<style>@keyframes deck-fallback{to{opacity:1}}</style>';

/** The static page: metadata, the slides in the markup, the settings as JSON, the runtime. */
export function renderPage(deck: Deck, assets: PageAssets): string {
  const { meta } = deck;
  const metaTags = [
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(assets.scriptHashes ?? [])}">`,
    meta.author ? `<meta name="author" content="${escapeHtml(meta.author)}">` : '',
    (meta.description ?? meta.subtitle) ? `<meta name="description" content="${escapeHtml(meta.description ?? meta.subtitle ?? '')}">` : '',
    meta.date ? `<meta name="date" content="${escapeHtml(meta.date)}">` : '',
    '<meta name="generator" content="Chokepoint">',
  ].filter(Boolean);
  // `</` inside JSON would close the script element early.
  const config = JSON.stringify(runtimeConfig(meta)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${escapeHtml(meta.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title ?? 'Slides')}</title>
<link rel="icon" href="data:,">
${metaTags.join('\n')}
${[...assets.styles, ...deck.styles].map((s) => `<link rel="stylesheet" href="${escapeHtml(s)}">`).join('\n')}
${(assets.preload ?? []).map((s) => `<link rel="modulepreload" href="${escapeHtml(s)}">`).join('\n')}
${assets.scripts.map((s) => `<script defer src="${escapeHtml(s)}"></script>`).join('\n')}
</head>
<body>
<div class="reveal">
<div class="slides">
${deck.html}
</div>
</div>
<script type="application/json" id="deck-config">${config}</script>
${FALLBACK}
</body>
</html>
`;
}
