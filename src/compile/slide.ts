import { posix } from 'node:path';
import { applyCommentAttributes, mergeAttributes, renderAttributes, type Attributes } from './attributes.ts';
import { renderChartFence } from './chart-fence.ts';
import { DeckError } from './errors.ts';
import { readAt } from './read-problem.ts';
import { findFences } from './fences.ts';
import { escapeHtml, textOf } from './html.ts';
import type { createMarkdown } from './markdown.ts';
import { splitNotes } from './notes.ts';
import { shortLabel, type Citations } from './sources.ts';
import type { RawSlide } from './split.ts';
import { SyntaxAtText } from './syntax-error.ts';
import type { CompileHost } from './types.ts';

/** What a slide compiles to, before the deck nests it into stacks. */
export interface CompiledSlide {
  /** `<section>…</section>` */
  html: string;
  title: string;
  notes: string;
}

export interface SlideEnv {
  render: ReturnType<typeof createMarkdown>;
  citations: () => Citations;
  host: CompileHost;
  notesSeparator?: string;
  /** Deck-unique, stable, for SVG ids. */
  id: string;
}

export const SOURCES_PLACEHOLDER = '<!-- sources -->';
const ASSET_ATTR = /\b(src|poster|data-src|data-background-image|data-background-video)="([^"]*)"/g;

/** Compiles one slide: notes, Markdown, charts, citations, attribute comments, assets. */
export function compileSlide(raw: RawSlide, env: SlideEnv): CompiledSlide {
  const { file } = raw;
  const parts = splitNotes(raw.body, file, raw.line, env.notesSeparator);
  const contentLines = parts.content.split('\n');
  const locate = (needle: string, lines = contentLines, base = raw.line) => {
    const i = lines.findIndex((l) => l.includes(needle));
    return i < 0 ? base : base + i;
  };
  const chartLines = findFences(contentLines, file, raw.line).filter((f) => /^chart(\s|$)/.test(f.info)).map((f) => raw.line + f.open);
  const textCites: number[] = [];
  // Per source number, the prefixes and locators it was cited with (`see`, `p. 4`), for the source line.
  const locators = new Map<number, Set<string>>();
  const chartCites = new Set<string>();
  const dir = posix.dirname(file);

  const html = located(() => env.render(parts.content, {
    idPrefix: env.id,
    chart: (source, index) => renderChartFence(source, {
      file, line: chartLines[index] ?? raw.line, idPrefix: `${env.id}-c${index}`,
      readData: (rel) => {
        const path = posix.join(dir, rel);
        const text = env.host.readText(path);
        return text === null ? null : { path, text };
      },
      cite: (key, line) => {
        env.citations().cite(key, file, line);
        chartCites.add(key);
        const source = env.citations().sources.get(key);
        return source ? shortLabel(source) : key;
      },
    }),
    cite: (keys, rawText, items) => keys.map((key, i) => {
      const n = env.citations().cite(key, file, locate(rawText));
      textCites.push(n);
      if (items?.[i] && (items[i].locator || items[i].prefix)) (locators.get(n) ?? locators.set(n, new Set()).get(n)!).add(JSON.stringify([items[i].prefix, items[i].locator]));
      return n;
    }),
  }), file, locate);
  const applied = applyCommentAttributes(html);
  const attrs: Attributes = new Map([['data-file', file], ['data-line', String(raw.line)]]);
  mergeAttributes(attrs, applied.slide);

  const notesLines = parts.notes.split('\n');
  const notesHtml = parts.notes ? applyCommentAttributes(located(() => env.render(parts.notes, {
    chart: () => { throw new DeckError({ file, line: parts.notesLine, message: 'charts cannot go in speaker notes', hint: 'move the ```chart block above the `Note:` line' }); },
    cite: (keys, rawText) => keys.map((key) => env.citations().cite(key, file, locate(rawText, notesLines, parts.notesLine))),
  }), file, (needle) => locate(needle, notesLines, parts.notesLine))).html : '';

  const resolve = (value: string, where: string) => resolveAsset(value, dir, env.host, file, locate(where));
  let body = applied.html.replace(ASSET_ATTR, (_, name: string, url: string) => `${name}="${escapeHtml(resolve(decodeEntities(url), url))}"`);
  for (const name of ['data-background-image', 'data-background-video']) {
    const v = attrs.get(name);
    if (typeof v === 'string') attrs.set(name, resolve(v, v));
  }

  const footer = slideFooter(textCites, chartCites, env.citations(), locators);
  const aside = notesHtml ? `\n<aside class="notes">${notesHtml}</aside>` : '';
  body = `<section${renderAttributes(attrs)}>\n${body}${footer}${aside}</section>`;
  return { html: body, title: slideTitle(applied.html), notes: textOf(notesHtml) };
}

/** Runs a render, turning an error found at some text (bad TeX, a broken diagram) into a located error. */
function located<T>(fn: () => T, file: string, locate: (needle: string) => number): T {
  try { return fn(); } catch (e) {
    if (!(e instanceof SyntaxAtText)) throw e;
    // marked appends a "please report" line to errors thrown while rendering: this one is the author's, not marked's.
    const message = e.message.replace(/\n+Please report this to[\s\S]*$/, '');
    throw new DeckError({ file, line: locate(e.needle) + e.offset, message, hint: e.hint, code: e.code });
  }
}

function slideFooter(numbers: number[], shownByChart: Set<string>, citations: Citations, locators: Map<number, Set<string>>): string {
  const unique = [...new Set(numbers)].sort((a, b) => a - b).filter((n) => n > 0 && !shownByChart.has(citations.order[n - 1]!));
  if (unique.length === 0) return '';
  const items = unique.map((n) => {
    const label = shortLabel(citations.sources.get(citations.order[n - 1]!)!);
    // `[see @k, ch. 2]` shows as `[1] see Label, ch. 2`; the same source at two places: `…, p. 4; ch. 2`.
    const uses = [...(locators.get(n) ?? [])].map((u) => JSON.parse(u) as [string, string]);
    const prefix = [...new Set(uses.map(([p]) => p).filter(Boolean))].join('; ');
    const where = [...new Set(uses.map(([, l]) => l).filter(Boolean))].join('; ');
    return `<span>[${n}] ${escapeHtml(`${prefix ? `${prefix} ` : ''}${label}${where ? `, ${where}` : ''}`)}</span>`;
  });
  return `<footer class="slide-sources">Sources: ${items.join(' · ')}</footer>\n`;
}

function resolveAsset(url: string, dir: string, host: CompileHost, file: string, line: number): string {
  if (url === '' || /^([a-z][\w+.-]*:|\/\/|\/|#)/i.test(url)) return url;
  const [path, suffix = ''] = url.split(/(?=[?#])/, 2);
  const target = posix.join(dir, safeDecode(path!));
  const resolved = readAt(file, line, () => host.assetUrl(target));
  if (resolved === null) {
    throw new DeckError({ file, line, message: `image or media file \`${url}\` not found (looked for ${target})`, hint: 'paths are relative to the Markdown file that names them' });
  }
  return resolved + suffix;
}

/** The slide's first heading, or its first words, for outlines and file names. */
function slideTitle(rendered: string): string {
  const html = rendered.replace(/(&#160;)?<span class="cite">[^<]*<\/span>/g, '');
  const heading = /<h([1-3])[^>]*>([\s\S]*?)<\/h\1>/.exec(html);
  if (heading) return textOf(heading[2]!);
  const text = textOf(html.replace(/<(svg|table|pre)[\s\S]*?<\/\1>/g, ''));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const decodeEntities = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
function safeDecode(s: string): string {
  try { return decodeURI(s); } catch { return s; }
}
