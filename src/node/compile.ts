import { compileDeck } from '../compile/deck.ts';
import { DeckError } from '../compile/errors.ts';
import type { CompileHost, Deck } from '../compile/types.ts';
import { parseFrontMatter } from '../compile/frontmatter.ts';
import type { SlideCache } from '../compile/slide-cache.ts';
import { withMathStyles } from './katex-assets.ts';
import { findInput, readInput, readText } from './load.ts';
import { withThemeStyles } from './theme-styles.ts';

/** Reads and compiles the deck at `path`; I/O problems become located issues like any other. */
export function compileInput(path: string, assetUrl: CompileHost['assetUrl'], cache?: SlideCache): Deck {
  const host: CompileHost = { readText: (p) => readText(p), assetUrl };
  try {
    const input = findInput(path);
    return withThemeStyles(withMathStyles(compileDeck(readInput(input), host, cache), assetUrl), assetUrl);
  } catch (e) {
    if (!(e instanceof DeckError)) throw e;
    return { meta: parseFrontMatter('', '').meta, html: '', slides: [], sources: [], issues: [e.issue], files: [], styles: [] };
  }
}
