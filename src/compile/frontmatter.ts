import { DeckError, closest, type DeckIssue } from './errors.ts';
import { unsafeRegex } from './safe-regex.ts';
import { colorContrastIssues, readColors } from './entity-colors.ts';
import { builtInTheme } from './themes.ts';
import { MAX_SIDE, MIN_SIDE } from './slide-size.ts';
import { FEATURE_HINTS, KEYS, article, describe, hasKind, hintFor } from './frontmatter-keys.ts';
import { readSettings } from './frontmatter-yaml.ts';

export { MAX_ALIASES } from './frontmatter-yaml.ts';

/** Deck settings from the first file's front matter, validated. */
export interface DeckMeta {
  title?: string;
  subtitle?: string;
  author?: string;
  date?: string;
  description?: string;
  /** BCP 47 language of the deck; `en` by default. */
  lang: string;
  /** `dark` (the built-in theme; `chokepoint` is the same), `light`, or a `.css` file beside the deck, loaded after it. */
  theme: string;
  /** Slide size in CSS pixels. */
  width: number;
  height: number;
  /** Path of the sources file, relative to the first Markdown file. */
  sources: string;
  /** Passed through to Reveal.initialize (`reveal` and reveal-md's `revealOptions`, merged). */
  reveal: Record<string, unknown>;
  /** reveal-md compatible custom separators: regular expressions, applied per line (`m` flag). */
  separator?: string;
  verticalSeparator?: string;
  notesSeparator?: string;
  /** Intended length of the talk in seconds, for the speaker view's pacing timer. */
  totalTime?: number;
  /** Accepted for reveal-md decks; code colours come from the theme. */
  highlightTheme?: string;
  /** Line of the `theme` key, for errors about its file. */
  themeLine?: number;
  /** Text at the foot of every slide but the title. */
  footer?: string;
  /** Image (path relative to the first Markdown file) in the corner of every slide but the title. */
  logo?: string;
  /** Line of the `logo` key, for errors about its file. */
  logoLine?: number;
  /** Line of the `sources` key, for errors about its file. */
  sourcesLine?: number;
  /** `colors: {Name: "#hex"}`: a series or category of that name takes that colour on every chart. */
  colors: Record<string, string>;
  /** `maxWords`: most words of body on a slide before `check` warns (rule `density`). */
  maxWords: number;
  /** The deck's own class names (styled by its `theme:` CSS): fenced divs may use them without a warning. */
  classes?: string[];
}

export interface FrontMatter {
  meta: DeckMeta;
  /** Number of lines the front matter block occupies (0 when there is none). */
  lines: number;
  issues: DeckIssue[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Reads the YAML block between two `---` lines at the very top of `text` (LF line endings). */
export function parseFrontMatter(text: string, file: string): FrontMatter {
  const lines = text.split('\n');
  const defaults: DeckMeta = { lang: 'en', theme: 'chokepoint', width: 1920, height: 1080, sources: 'sources.yaml', reveal: {}, colors: {}, maxWords: 60 };
  if (!OPEN.test(lines[0] ?? '')) return { meta: defaults, lines: 0, issues: [] };
  const end = lines.findIndex((l, i) => i > 0 && CLOSE.test(l));
  if (end < 0) {
    // Settings opened and never closed would otherwise show as a paragraph of `key: value` text.
    const unclosed = looksLikeYaml(lines.slice(1).join('\n'));
    return {
      meta: defaults,
      lines: 0,
      issues: unclosed
        ? [
            {
              file,
              line: 1,
              severity: 'warning',
              code: 'front-matter-unclosed',
              message: 'the front matter opened on line 1 is never closed, so it is read as slide text',
              hint: 'add a line `---` after the last setting',
            },
          ]
        : [],
    };
  }
  const yamlText = lines.slice(1, end).join('\n');
  if (!looksLikeYaml(yamlText)) return { meta: defaults, lines: 0, issues: [] };
  const settings = readSettings(yamlText, file);
  const issues: DeckIssue[] = [];
  const meta = { ...defaults };
  if (settings === null) return { meta, lines: end + 1, issues };
  const data = settings.data;
  let colorsLine: number | undefined;
  for (const { key, line } of settings.keys) {
    const kind = KEYS[key];
    if (!kind) {
      const near = closest(key, Object.keys(KEYS));
      issues.push({
        file,
        line,
        severity: 'warning',
        message: `unknown front matter key \`${key}\` is ignored`,
        code: 'unknown-key',
        hint: FEATURE_HINTS[key.toLowerCase()] ?? (near ? `did you mean \`${near}\`?` : `known keys: ${Object.keys(KEYS).join(', ')}`),
      });
      continue;
    }
    const value = data[key];
    if (!hasKind(value, kind)) {
      throw new DeckError({
        file,
        line,
        code: 'wrong-type',
        message: `front matter \`${key}\` must be ${article(kind)}, not ${describe(value)}`,
        hint: hintFor(key),
      });
    }
    apply(meta, key, value, file, line);
    if (key === 'theme' && !/\.css$/i.test(meta.theme) && !builtInTheme(meta.theme)) {
      issues.push({
        file,
        line,
        severity: 'warning',
        message: `theme \`${meta.theme}\` is not available; using the built-in theme`,
        code: 'unknown-theme',
        hint: 'write `theme: dark` (the default) or `theme: light`, or name a .css file beside the deck to add your own styles, e.g. `theme: custom.css`',
      });
      meta.theme = 'chokepoint';
    }
    if (key === 'theme') meta.themeLine = line;
    if (key === 'logo') meta.logoLine = line;
    if (key === 'sources') meta.sourcesLine = line;
    if (key === 'colors') colorsLine = line;
  }
  // After the loop: the theme the colours must stand out against may come after them.
  if (colorsLine !== undefined) issues.push(...colorContrastIssues(meta.colors, meta.theme, file, colorsLine));
  return { meta, lines: end + 1, issues };
}

// A leading `---` may also be a reveal-md slide separator: only treat the block as settings if it reads as YAML keys.
function looksLikeYaml(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first === undefined ? text.trim() === '' : /^[A-Za-z_][\w-]*\s*:(\s|$)/.test(first);
}

function apply(meta: DeckMeta, key: string, value: unknown, file: string, line: number): void {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  switch (key) {
    case 'reveal':
    case 'revealOptions':
      meta.reveal = { ...meta.reveal, ...(value as Record<string, unknown>) };
      return;
    case 'totalTime':
      meta.totalTime = value as number;
      return;
    case 'colors':
      meta.colors = readColors(value as Record<string, unknown>, file, line);
      return;
    case 'maxWords':
      if (!Number.isInteger(value) || (value as number) < 1)
        throw new DeckError({
          file,
          line,
          code: 'wrong-type',
          message: `front matter \`maxWords\` must be a whole number above 0, not ${String(value)}`,
          hint: hintFor('maxWords'),
        });
      meta.maxWords = value as number;
      return;
    case 'classes':
      meta.classes = (Array.isArray(value) ? value.map(String) : text.split(/[\s,]+/)).map((c) => c.replace(/^\./, '')).filter(Boolean);
      return;
    case 'size': {
      const m = /^(\d{3,5})\s*[x×]\s*(\d{3,5})$/.exec(text.trim());
      if (!m)
        throw new DeckError({
          file,
          line,
          code: 'bad-size',
          message: `front matter \`size\` must look like \`1920x1080\`, not \`${text}\``,
          hint: hintFor('size'),
        });
      const [width, height] = [Number(m[1]), Number(m[2])];
      // Exports render every slide at this size: 99999x99999 would hang Chromium, not make a sharper deck.
      if ([width, height].some((n) => n < MIN_SIDE || n > MAX_SIDE)) {
        throw new DeckError({
          file,
          line,
          code: 'bad-size',
          message: `front matter \`size\` ${width}x${height} is out of range: each side must be ${MIN_SIDE} to ${MAX_SIDE} pixels`,
          hint: hintFor('size'),
        });
      }
      meta.width = width;
      meta.height = height;
      return;
    }
    case 'separator':
    case 'verticalSeparator':
    case 'notesSeparator':
      try {
        new RegExp(text, 'm');
      } catch {
        throw new DeckError({
          file,
          line,
          code: 'bad-separator',
          message: `front matter \`${key}\` is not a valid regular expression: \`${text}\``,
          hint: 'e.g. `^<!--s-->$`',
        });
      }
      if (unsafeRegex(text)) {
        throw new DeckError({
          file,
          line,
          code: 'unsafe-separator',
          message: `front matter \`${key}\` could take very long to match: ${unsafeRegex(text)}`,
          hint: 'use a simple line pattern, e.g. `^<!--s-->$` or `^---$`',
        });
      }
      (meta as unknown as Record<string, string>)[key] = text;
      return;
    default:
      (meta as unknown as Record<string, string>)[key] = text;
  }
}
