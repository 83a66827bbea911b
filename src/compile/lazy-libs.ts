import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as YamlModule from 'yaml';
import { commonLanguage, embeddedLanguages } from './hljs-languages.ts';

/**
 * The heavy renderers load the first time a deck uses them, not when the compiler is imported: at startup
 * beautiful-mermaid costs ~450 ms and 9 MB, all of highlight.js/lib/common ~180 ms and 18 MB, KaTeX ~45 ms and 5 MB, and most
 * decks need one or none of them. Loading is synchronous so that compiling stays a plain function call:
 * `require` of an ES module (beautiful-mermaid) needs Node 20.19 or later (package.json `engines`).
 */
const load = createRequire(import.meta.url);

type Hljs = typeof import('highlight.js').default;
type Katex = typeof import('katex').default;
type Mermaid = typeof import('beautiful-mermaid');
type Yaml = typeof YamlModule;

let hljs: Hljs | undefined;
let katex: Katex | undefined;
let mermaid: Mermaid | undefined;
let yaml: Yaml | undefined;

/**
 * highlight.js with the language `lang` names registered (and the languages it embeds), or undefined when
 * `lang` is not one of the common set. Highlighting is the same as with all of `lib/common` registered.
 */
export function highlighterFor(lang: string): Hljs | undefined {
  const name = commonLanguage(lang);
  if (name === undefined) return undefined;
  hljs ??= load('highlight.js/lib/core') as Hljs;
  register(hljs, name);
  return hljs;
}

function register(core: Hljs, name: string): void {
  // The core is shared (lib/common registers into the same instance): a language may already be there.
  if (core.getLanguage(name)) return;
  core.registerLanguage(name, load(`highlight.js/lib/languages/${name}`) as Parameters<Hljs['registerLanguage']>[1]);
  for (const sub of embeddedLanguages(core.getLanguage(name)!)) if (commonLanguage(sub) === sub) register(core, sub);
}
export const katexLib = (): Katex => (katex ??= load('katex') as Katex);
// beautiful-mermaid exports only an `import` entry, which `require` does not match: resolve it as an import would.
export const mermaidLib = (): Mermaid => (mermaid ??= load(fileURLToPath(import.meta.resolve('beautiful-mermaid'))) as Mermaid);
/** The `yaml` package (~50 ms to load), for the YAML that compile/yaml-tree.ts leaves to it: errors and rare forms. */
export const yamlLib = (): Yaml => (yaml ??= load('yaml') as Yaml);
