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
  const chartCites = new Set<string>();
  const dir = posix.dirname(file);

  const html = env.render(parts.content, {
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
    cite: (keys, rawText) => keys.map((key) => {
      const n = env.citations().cite(key, file, locate(rawText));
      textCites.push(n);
      return n;
    }),
  });
  const applied = applyCommentAttributes(html);
  const attrs: Attributes = new Map([['data-file', file], ['data-line', String(raw.line)]]);
  mergeAttributes(attrs, applied.slide);

  const notesLines = parts.notes.split('\n');
  const notesHtml = parts.notes ? applyCommentAttributes(env.render(parts.notes, {
    chart: () => { throw new DeckError({ file, line: parts.notesLine, message: 'charts cannot go in speaker notes', hint: 'move the ```chart block above the `Note:` line' }); },
    cite: (keys, rawText) => keys.map((key) => env.citations().cite(key, file, locate(rawText, notesLines, parts.notesLine))),
  })).html : '';

  const resolve = (value: string, where: string) => resolveAsset(value, dir, env.host, file, locate(where));
  let body = applied.html.replace(ASSET_ATTR, (_, name: string, url: string) => `${name}="${escapeHtml(resolve(decodeEntities(url), url))}"`);
  for (const name of ['data-background-image', 'data-background-video']) {
    const v = attrs.get(name);
    if (typeof v === 'string') attrs.set(name, resolve(v, v));
  }

  const footer = slideFooter(textCites, chartCites, env.citations());
  const aside = notesHtml ? `\n<aside class="notes">${notesHtml}</aside>` : '';
  body = `<section${renderAttributes(attrs)}>\n${body}${footer}${aside}</section>`;
  return { html: body, title: slideTitle(applied.html), notes: textOf(notesHtml) };
}

function slideFooter(numbers: number[], shownByChart: Set<string>, citations: Citations): string {
  const unique = [...new Set(numbers)].sort((a, b) => a - b).filter((n) => n > 0 && !shownByChart.has(citations.order[n - 1]!));
  if (unique.length === 0) return '';
  const items = unique.map((n) => `<span>[${n}] ${escapeHtml(shortLabel(citations.sources.get(citations.order[n - 1]!)!))}</span>`);
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
