/**
 * The languages of `highlight.js/lib/common` (the set code blocks have always been highlighted with) and
 * their aliases. The highlighter registers only the ones a deck uses, plus those they embed: loading all
 * 36 cost ~45 ms of CPU per build. tests/unit/compile/hljs-languages.test.ts keeps this equal to the package.
 */
export const COMMON_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  xml: ['html', 'xhtml', 'rss', 'atom', 'xjb', 'xsd', 'xsl', 'plist', 'wsf', 'svg'],
  bash: ['sh', 'zsh'],
  c: ['h'],
  cpp: ['cc', 'c++', 'h++', 'hpp', 'hh', 'hxx', 'cxx'],
  csharp: ['cs', 'c#'],
  css: [],
  markdown: ['md', 'mkdown', 'mkd'],
  diff: ['patch'],
  ruby: ['rb', 'gemspec', 'podspec', 'thor', 'irb'],
  go: ['golang'],
  graphql: ['gql'],
  ini: ['toml'],
  java: ['jsp'],
  javascript: ['js', 'jsx', 'mjs', 'cjs'],
  json: ['jsonc', 'json5'],
  kotlin: ['kt', 'kts', 'ktm', 'ktx'],
  less: [],
  lua: ['pluto'],
  makefile: ['mk', 'mak', 'make'],
  perl: ['pl', 'pm'],
  objectivec: ['mm', 'objc', 'obj-c', 'obj-c++', 'objective-c++'],
  php: [],
  'php-template': [],
  plaintext: ['text', 'txt'],
  python: ['py', 'gyp', 'ipython'],
  'python-repl': ['pycon'],
  r: [],
  rust: ['rs'],
  scss: [],
  shell: ['console', 'shellsession'],
  sql: [],
  swift: [],
  yaml: ['yml'],
  typescript: ['ts', 'tsx', 'mts', 'cts'],
  vbnet: ['vb'],
  wasm: [],
};

const BY_ALIAS = new Map(Object.entries(COMMON_LANGUAGES).flatMap(([name, aliases]) => [name, ...aliases].map((a) => [a, name] as const)));

/** The common language a fence's language names (highlight.js matches names and aliases ignoring case), if any. */
export const commonLanguage = (lang: string): string | undefined => BY_ALIAS.get(lang.toLowerCase());

/** The languages a language definition hands parts of its code to (`subLanguage`: HTML's <script>, a shell's commands). */
export function embeddedLanguages(definition: object): string[] {
  const found = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    for (const [key, v] of Object.entries(value)) {
      if (key === 'subLanguage') for (const s of [v].flat()) if (typeof s === 'string') found.add(s);
      walk(v);
    }
  };
  walk(definition);
  return [...found];
}
