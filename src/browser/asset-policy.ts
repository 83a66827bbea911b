import type { ServerResponse } from 'node:http';

/**
 * Sent with every file but the deck page. An image, a font, a stylesheet or a script loaded by the page
 * ignores its own policy; the policy counts when a file is a document: an SVG or HTML file in an
 * `<iframe>`, `<object>` or opened on its own. It then runs in a sandbox (a unique origin, no script, no
 * forms, no popups) and may load only images, styles and fonts: it cannot read the page around it or
 * the presenter's token, nor send anything anywhere.
 */
export const ASSET_POLICY =
  "sandbox; default-src 'none'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; media-src 'self'";

/** The headers every asset (everything but the deck page) is served with. */
export function assetHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', ASSET_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}
