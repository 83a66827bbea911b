import { join } from 'node:path';
import type { CompileHost, Deck } from '../compile/types.ts';
import { packageRoot } from './paths.ts';

/** Built-in themes beyond the default dark one: each is a stylesheet of variables loaded after the theme. */
const THEMES: Record<string, string> = { light: 'assets/theme/light.css' };

/** The deck with its built-in theme's stylesheet first among its styles (`theme: light`); unchanged for dark. */
export function withThemeStyles(deck: Deck, assetUrl: CompileHost['assetUrl']): Deck {
  const file = THEMES[deck.meta.theme];
  const url = file ? assetUrl(join(packageRoot, file)) : null;
  return url === null ? deck : { ...deck, styles: [url, ...deck.styles] };
}
