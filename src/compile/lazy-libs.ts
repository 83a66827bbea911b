import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The heavy renderers load the first time a deck uses them, not when the compiler is imported: at startup
 * beautiful-mermaid costs ~450 ms and 9 MB, highlight.js ~180 ms and 18 MB, KaTeX ~45 ms and 5 MB, and most
 * decks need one or none of them. Loading is synchronous so that compiling stays a plain function call:
 * `require` of an ES module (beautiful-mermaid) needs Node 20.19 or later (package.json `engines`).
 */
const load = createRequire(import.meta.url);

type Hljs = typeof import('highlight.js').default;
type Katex = typeof import('katex').default;
type Mermaid = typeof import('beautiful-mermaid');

let hljs: Hljs | undefined;
let katex: Katex | undefined;
let mermaid: Mermaid | undefined;

export const highlighter = (): Hljs => (hljs ??= load('highlight.js/lib/common') as Hljs);
export const katexLib = (): Katex => (katex ??= load('katex') as Katex);
// beautiful-mermaid exports only an `import` entry, which `require` does not match: resolve it as an import would.
export const mermaidLib = (): Mermaid => (mermaid ??= load(fileURLToPath(import.meta.resolve('beautiful-mermaid'))) as Mermaid);
