import { posix } from 'node:path';
import { applyCommentAttributes, mergeAttributes, renderAttributes, type Attributes } from './attributes.ts';
import { renderChartFence } from './chart-fence.ts';
import { DeckError, DeckErrors, issuesOf, type DeckIssue } from './errors.ts';
import { readAt } from './read-problem.ts';
import { fenceIs } from './fence-handlers.ts';
import { findFences } from './fences.ts';
import { ASSET_ATTR, escapeHtml, removeElements, textOf } from './html.ts';
import type { createMarkdown } from './markdown.ts';
import { checkDivs } from './div-check.ts';
import { slideLayout, wrapAfterTitle } from './layouts.ts';
import { checkNesting } from './nesting.ts';
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
  /** Each asset URL the slide loads, with the line that names it (for `check`, which sees only URLs). */
  assets: [url: string, line: number][];
  /** Warnings about the slide (an unknown div class), kept with it so a cached slide reports them again. */
  warnings?: DeckIssue[];
}

export interface SlideEnv {
  render: ReturnType<typeof createMarkdown>;
  citations: () => Citations;
  host: CompileHost;
  notesSeparator?: string;
  /** Front matter `colors:`, for charts. */
  colors?: Readonly<Record<string, string>>;
  /** Deck-unique, stable, for SVG ids. */
  id: string;
  /** The deck's own class names (front matter `classes:`). */
  classes?: readonly string[];
}

export const SOURCES_PLACEHOLDER = '<!-- sources -->';

/** Compiles one slide: notes, Markdown, charts, citations, attribute comments, assets. */
export function compileSlide(raw: RawSlide, env: SlideEnv): CompiledSlide {
  const { file } = raw;
  const parts = splitNotes(raw.body, file, raw.line, env.notesSeparator);
  checkNesting(parts.content, file, raw.line);
  if (parts.notes) checkNesting(parts.notes, file, parts.textLine);
  const contentLines = parts.content.split('\n');
  // Every problem on the slide is collected and rendering goes on, so one build reports them all.
  const divs = checkDivs(parts.content, file, raw.line, env.classes);
  const issues: DeckIssue[] = divs.filter((i) => i.severity === 'error');
  const warnings = divs.filter((i) => i.severity === 'warning');
  const attempt = <T>(run: () => T, instead: T): T => {
    try {
      return run();
    } catch (e) {
      if (!(e instanceof DeckError)) throw e;
      issues.push(...issuesOf(e));
      return instead;
    }
  };
  const fail =
    (base: number) =>
    (line: number, code: string, message: string, hint: string): string => {
      issues.push({ file, line: base + line, code, message, hint, severity: 'error' });
      return '';
    };
  // Asset attributes as the renderer wrote them, each with the line of the token that wrote it.
  const written: { url: string; line: number }[] = [];
  const chartLines = findFences(contentLines, file, raw.line)
    .filter((f) => fenceIs(f.info, 'chart'))
    .map((f) => raw.line + f.open);
  const textCites: number[] = [];
  // Per source number, the prefixes and locators it was cited with (`see`, `p. 4`), for the source line.
  const locators = new Map<number, Set<string>>();
  const chartCites = new Set<string>();
  const dir = posix.dirname(file);

  const html = env.render(parts.content, {
    idPrefix: env.id,
    chart: (source, index) =>
      attempt(
        () =>
          renderChartFence(source, {
            file,
            line: chartLines[index] ?? raw.line,
            idPrefix: `${env.id}-c${index}`,
            colors: env.colors,
            readData: (rel) => {
              const path = posix.join(dir, rel);
              const text = env.host.readText(path);
              return text === null ? null : { path, text };
            },
            // Numbered like the slide's own source line, so a reader of the handout finds it in the appendix.
            cite: (key, line) => {
              const n = env.citations().cite(key, file, line);
              chartCites.add(key);
              const source = env.citations().sources.get(key);
              const label = source ? shortLabel(source) : key;
              return n > 0 ? `[${n}] ${label}` : label;
            },
          }),
        '',
      ),
    cite: (keys, line, items) =>
      keys.map((key, i) => {
        const n = attempt(() => env.citations().cite(key, file, raw.line + line), 0);
        textCites.push(n);
        if (items?.[i] && (items[i].locator || items[i].prefix))
          (locators.get(n) ?? locators.set(n, new Set()).get(n)!).add(JSON.stringify([items[i].prefix, items[i].locator]));
        return n;
      }),
    asset: (url, line) => void written.push({ url, line: raw.line + line }),
    fail: fail(raw.line),
  });
  const applied = applyCommentAttributes(html);
  const attrs: Attributes = new Map([
    ['data-file', file],
    ['data-line', String(raw.line)],
  ]);
  mergeAttributes(attrs, applied.slide);
  // `layout="name"`: a class for the theme's layouts.css, and for some layouts a wrapper around the content.
  const layoutName = attrs.get('layout');
  const layout =
    typeof layoutName === 'string'
      ? slideLayout(
          layoutName,
          file,
          raw.line +
            Math.max(
              0,
              contentLines.findIndex((l) => /\.slide:.*\blayout=/.test(l)),
            ),
        )
      : undefined;
  if (layout) {
    attrs.delete('layout');
    attrs.set('data-layout', String(layoutName));
    if (layout.className) mergeAttributes(attrs, new Map([['class', layout.className]]));
    if (layout.issue) warnings.push(layout.issue);
  }

  const notesHtml = parts.notes
    ? applyCommentAttributes(
        env.render(parts.notes, {
          chart: () => fail(0)(parts.notesLine, 'chart-in-notes', 'charts cannot go in speaker notes', 'move the ```chart block above the `Note:` line'),
          cite: (keys, line) => keys.map((key) => attempt(() => env.citations().cite(key, file, parts.textLine + line), 0)),
          fail: fail(parts.textLine),
        }),
      ).html
    : '';

  const line = writtenLines(written, raw.line);
  const assets: [string, number][] = [];
  const resolve = (value: string, url: string, next: boolean) => {
    const at = line(url, next);
    const resolved = attempt(() => resolveAsset(value, dir, env.host, file, at), value);
    assets.push([resolved, at]);
    return resolved;
  };
  const laidOut = layout?.wrap ? wrapAfterTitle(applied.html, layout.wrap) : applied.html;
  let body = laidOut.replace(ASSET_ATTR, (_, name: string, url: string) => `${name}="${escapeHtml(resolve(decodeEntities(url), url, true))}"`);
  for (const name of ['data-background-image', 'data-background-video']) {
    const v = attrs.get(name);
    if (typeof v === 'string') attrs.set(name, resolve(v, v, false));
  }

  if (issues.length > 0) throw new DeckErrors(issues);
  // Only a slide that cites needs the sources (the deck loads them anyway, see compileDeck's `partial`).
  const footer = textCites.length > 0 ? slideFooter(textCites, chartCites, env.citations(), locators) : '';
  const aside = notesHtml ? `\n<aside class="notes">${notesHtml}</aside>` : '';
  body = `<section${renderAttributes(attrs)}>\n${body}${footer}${aside}</section>`;
  return { html: body, title: slideTitle(applied.html), notes: textOf(notesHtml), assets, ...(warnings.length ? { warnings } : {}) };
}

/**
 * The line of each asset attribute in the output: the next one written with that URL (the output keeps the
 * order), else the first one (a `.slide:` comment's background), else the slide's first line.
 */
function writtenLines(written: readonly { url: string; line: number }[], fallback: number): (url: string, next: boolean) => number {
  const first = new Map<string, number>();
  for (const w of written) if (!first.has(w.url)) first.set(w.url, w.line);
  let at = 0;
  return (url, next) => {
    // A short look ahead skips attributes that left the output (comments), without going quadratic.
    for (let k = at; next && k < written.length && k < at + 64; k++) {
      if (written[k]!.url === url) {
        at = k + 1;
        return written[k]!.line;
      }
    }
    return first.get(url) ?? fallback;
  };
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
  // A file whose name holds `#` or `?` (`![x](<a#b.png>)`, or `a%23b.png`) is that file; otherwise they start
  // the URL's query or fragment (`chart.svg#view`), which the output keeps.
  const whole = /[?#]|%23|%3f/i.test(url) ? readAt(file, line, () => host.assetUrl(posix.join(dir, safeDecode(url)))) : null;
  if (whole !== null) return whole;
  const [path, suffix = ''] = url.split(/(?=[?#])/, 2);
  const target = posix.join(dir, safeDecode(path!));
  const resolved = readAt(file, line, () => host.assetUrl(target));
  if (resolved === null) {
    throw new DeckError({
      file,
      line,
      code: 'missing-asset',
      message: `image or media file \`${url}\` not found (looked for ${target})`,
      hint: 'paths are relative to the Markdown file that names them',
    });
  }
  return resolved + suffix;
}

/** The slide's first heading, or its first words, for outlines and file names. */
function slideTitle(rendered: string): string {
  const html = rendered.replace(/(&#160;)?<span class="cite">[^<]*<\/span>/g, '');
  const heading = firstHeading(html);
  if (heading !== undefined) return textOf(heading);
  const text = textOf(removeElements(html, ['svg', 'table', 'pre']));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The content of the first `<h1>`…`<h3>` that is closed, as `/<h([1-3])[^>]*>([\s\S]*?)<\/h\1>/` finds it, in
 * linear time (that regex rescans to the end from every unclosed heading).
 */
function firstHeading(html: string): string | undefined {
  const open = /<h([1-3])\b/g;
  const unclosed = new Set<string>();
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const level = m[1]!;
    const gt = html.indexOf('>', open.lastIndex);
    if (gt < 0) return undefined;
    if (unclosed.has(level)) continue;
    const end = html.indexOf(`</h${level}>`, gt + 1);
    if (end < 0) {
      unclosed.add(level);
      continue;
    }
    return html.slice(gt + 1, end);
  }
  return undefined;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
// Every escape, `%23` (#) and `%3F` (?) too: decodeURI keeps those, so such a file could not be named at all.
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
