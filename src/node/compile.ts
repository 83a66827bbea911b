import { compileDeck } from '../compile/deck.ts';
import { DeckError } from '../compile/errors.ts';
import type { CompileHost, Deck } from '../compile/types.ts';
import { parseFrontMatter } from '../compile/frontmatter.ts';
import type { SlideCache } from '../compile/slide-cache.ts';
import { DeckRoot } from './deck-root.ts';
import { withMathStyles } from './katex-assets.ts';
import { findInput, readInput, readText } from './load.ts';
import { withThemeStyles } from './theme-styles.ts';

/**
 * Reads and compiles the deck at `path`; I/O problems become located issues like any other. Every read
 * is confined to the deck's folder (plus `allow`); `assetUrl` gets the real path of a readable file.
 * `firstFileOnly`: the deck as its first Markdown file alone (dev's first page, src/vite/deck-compiler.ts).
 */
export function compileInput(
  path: string,
  assetUrl: CompileHost['assetUrl'],
  cache?: SlideCache,
  allow: readonly string[] = [],
  { firstFileOnly = false } = {},
): Deck {
  const root = new DeckRoot(path, allow);
  const host: CompileHost = {
    readText: (p) => readText(p, root),
    assetUrl: (p) => {
      const real = root.file(p);
      return real === null ? null : assetUrl(real);
    },
  };
  try {
    const found = findInput(path);
    const input = firstFileOnly ? { ...found, files: found.files.slice(0, 1) } : found;
    const { files, issues } = readInput(input, root);
    if (issues.length > 0) return failed(issues);
    // KaTeX's stylesheet and the light theme are the package's own files: outside the deck's folder on purpose.
    return withThemeStyles(withMathStyles(compileDeck(files, host, cache, { partial: firstFileOnly }), assetUrl), assetUrl);
  } catch (e) {
    if (!(e instanceof DeckError)) throw e;
    return failed([e.issue]);
  }
}

function failed(issues: Deck['issues']): Deck {
  return { meta: parseFrontMatter('', '').meta, html: '', slides: [], sources: [], issues, files: [], styles: [] };
}
