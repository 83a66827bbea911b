import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CompileHost, Deck } from '../compile/types.ts';
import { cacheDir } from './runtime-bundle.ts';

/**
 * KaTeX's stylesheet with only its woff2 fonts (every browser that runs the deck reads woff2), prepared
 * once per KaTeX version in the package's cache. A deck that uses math links it; others never see it.
 * Returns the stylesheet's path; its fonts sit beside it in `fonts/`, as the stylesheet expects.
 */
export function katexStylesheet(): string {
  // Resolved from this package, so it works when Chokepoint is installed in another project's node_modules.
  const dist = dirname(createRequire(import.meta.url).resolve('katex'));
  const version = (JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(cacheDir(), `katex-${version}`);
  const css = join(dir, 'katex.css');
  if (existsSync(css)) return css;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'fonts'), { recursive: true });
  for (const f of readdirSync(join(dist, 'fonts')).filter((n) => n.endsWith('.woff2'))) copyFileSync(join(dist, 'fonts', f), join(tmp, 'fonts', f));
  const text = readFileSync(join(dist, 'katex.min.css'), 'utf8').replace(/,url\(fonts\/[\w-]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
  writeFileSync(join(tmp, 'katex.css'), text);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process prepared the same files first
  }
  return css;
}

/** The deck with KaTeX's stylesheet first among its own styles when a slide has math, unchanged otherwise. */
export function withMathStyles(deck: Deck, assetUrl: CompileHost['assetUrl']): Deck {
  if (!deck.html.includes('class="katex')) return deck;
  const url = assetUrl(katexStylesheet());
  return url === null ? deck : { ...deck, styles: [url, ...deck.styles] };
}
