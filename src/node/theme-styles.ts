import { join } from 'node:path';
import type { CompileHost, Deck } from '../compile/types.ts';
import { builtInTheme } from '../compile/themes.ts';
import { packageRoot } from './paths.ts';

/** The deck with its built-in theme's stylesheet first among its styles (`theme: light`); unchanged for dark. */
export function withThemeStyles(deck: Deck, assetUrl: CompileHost['assetUrl']): Deck {
  const file = builtInTheme(deck.meta.theme)?.stylesheet;
  const url = file ? assetUrl(join(packageRoot, file)) : null;
  return url === null ? deck : { ...deck, styles: [url, ...deck.styles] };
}
