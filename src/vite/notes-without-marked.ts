import type { Plugin } from 'vite';

const REGION = /\/\/#region node_modules\/marked\/lib\/marked\.esm\.js[\s\S]*?\/\/#endregion/;

/**
 * reveal's notes plugin bundles the whole of marked (~40 KB) only to render `data-markdown` notes in the
 * speaker window. Chokepoint renders notes to HTML at build time, so the parser is replaced by identity:
 * the browser gets no Markdown parser at all.
 */
export function notesWithoutMarked(): Plugin {
  return {
    name: 'chokepoint:notes-without-marked',
    enforce: 'pre',
    transform(code, id) {
      if (!/reveal\.js[\\/]dist[\\/]plugin[\\/]notes\.mjs$/.test(id.split('?')[0]!)) return undefined;
      if (!REGION.test(code)) this.error('reveal.js notes plugin changed shape: cannot drop its bundled marked');
      return { code: code.replace(REGION, 'const $ = { parse: (notes) => notes };'), map: null };
    },
  };
}
