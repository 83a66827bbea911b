// The front matter's keys: which exist, what kind of value each takes, and what to say when one is wrong.

/** The kind of value a front-matter key takes. */
export type Kind = 'string' | 'number' | 'object' | 'list';
export const KEYS: Record<string, Kind> = {
  title: 'string',
  subtitle: 'string',
  author: 'string',
  date: 'string',
  description: 'string',
  lang: 'string',
  theme: 'string',
  size: 'string',
  sources: 'string',
  reveal: 'object',
  revealOptions: 'object',
  separator: 'string',
  verticalSeparator: 'string',
  notesSeparator: 'string',
  totalTime: 'number',
  highlightTheme: 'string',
  footer: 'string',
  logo: 'string',
  classes: 'list',
  colors: 'object',
  maxWords: 'number',
};

/** Keys authors try for features that need no key: the hint names the real feature. */
export const FEATURE_HINTS: Record<string, string> = {
  math: 'math needs no key: write $…$ inline or $$…$$ on lines of their own',
  katex: 'math needs no key: write $…$ inline or $$…$$ on lines of their own',
  mathjax: 'math needs no key: write $…$ inline or $$…$$ on lines of their own',
  mermaid: 'diagrams need no key: write a ```mermaid code block',
  diagrams: 'diagrams need no key: write a ```mermaid code block',
  highlight: 'code is highlighted at build time: write ```ts (or any language) code blocks',
  plugins: 'notes, math, diagrams and code highlighting are built in; Reveal options go under `reveal:`',
  transition: 'Reveal options go under `reveal:`, e.g. `reveal:` then `  transition: fade`',
};

/** Whether `value` is of `kind` (a list may be one string). */
export function hasKind(value: unknown, kind: Kind): boolean {
  if (kind === 'list') return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
  if (kind === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (kind === 'string') return typeof value === 'string' || typeof value === 'number' || value instanceof Date;
  return typeof value === 'number' && Number.isFinite(value);
}

export const article = (kind: Kind) => (kind === 'object' ? 'a set of `key: value` options' : kind === 'list' ? 'a list of names' : `a ${kind}`);
export function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a set of options' : `the ${typeof value} \`${String(value)}\``;
}
export function hintFor(key: string): string {
  const hints: Record<string, string> = {
    reveal: 'indent Reveal options below it, e.g. `reveal:` then `  transition: fade`',
    revealOptions: 'indent Reveal options below it, e.g. `revealOptions:` then `  transition: fade`',
    size: 'width x height in pixels, e.g. `size: 1920x1080`',
    totalTime: 'the talk length in seconds, e.g. `totalTime: 1500` for 25 minutes',
    maxWords: 'the most words of body a slide should carry, e.g. `maxWords: 40`',
    colors: 'name each entity with a quoted hex colour, e.g. `colors: {Nvidia: "#76b900", Huawei: "#e0202b"}`',
    classes: 'the class names your theme CSS styles, e.g. `classes: [brand-box, wide]`',
  };
  return hints[key] ?? `e.g. \`${key}: some text\``;
}
