import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isInside, realOrResolved } from './deck-root.ts';

/**
 * A stylesheet the build copies, with each relative `url(…)` it names (fonts, images) registered as an
 * asset too and rewritten to that asset's URL, so a stylesheet keeps working from the build's assets/ folder.
 * `assetUrl` gives the page-relative URL (`assets/x-hash.woff2`) or null when the file does not exist.
 */
export function rewriteCssUrls(css: string, cssPath: string, cssUrl: string, assetUrl: (path: string) => string | null): string {
  const base = cssUrl.slice(0, cssUrl.lastIndexOf('/') + 1);
  // Linear: a quote or not, then characters that are neither the quote nor `)`.
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, quote: string, ref: string) => {
    if (/^([a-z][\w+.-]*:|\/|#)/i.test(ref)) return whole;
    const [path, suffix = ''] = ref.split(/(?=[?#])/, 2);
    const url = assetUrl(join(dirname(cssPath), path!));
    if (url === null) return whole;
    const relative = url.startsWith(base) ? url.slice(base.length) : url;
    return `url(${quote}${relative}${suffix}${quote})`;
  });
}

/**
 * The asset lookup for files a stylesheet names: only existing files in the stylesheet's own folder or
 * below it (its fonts/, images/), so a stylesheet cannot pull other files of the disk into a build.
 */
export function cssReference(cssPath: string, assetUrl: (path: string) => string): (path: string) => string | null {
  const dir = realOrResolved(dirname(cssPath));
  return (path) => {
    const real = realOrResolved(path);
    return isInside(dir, real) && existsSync(real) && statSync(real).isFile() ? assetUrl(real) : null;
  };
}
