import { posix } from 'node:path';
import { DeckError, issuesOf, type DeckIssue } from './errors.ts';
import { parseFrontMatter, type DeckMeta } from './frontmatter.ts';
import { readAt } from './read-problem.ts';
import { escapeHtml } from './html.ts';
import { createMarkdown } from './markdown.ts';
import { addChrome } from './chrome.ts';
import { compileSlide, SOURCES_PLACEHOLDER, type CompiledSlide } from './slide.ts';
import { pickSourcesFile } from './sources-file.ts';
import { Citations, formatDate, isSafeUrl, parseSources, type Source } from './sources.ts';
import type { SlideCache } from './slide-cache.ts';
import { splitSlides } from './split.ts';
import { sectionVisibility } from './numbering.ts';
import type { CompileHost, Deck, InputFile, SlideInfo } from './types.ts';

/** Normalises what editors save: a byte-order mark, CRLF or CR line endings. */
export const normalise = (text: string) => text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/**
 * Compiles Markdown files, in the order given, into one deck. Never throws for bad input:
 * every problem is a located issue in `deck.issues`. `partial`: the files are the start of a deck (dev's first
 * page): the sources file is read only if they cite, and sources they do not cite are not reported.
 */
export function compileDeck(inputs: readonly InputFile[], host: CompileHost, cache?: SlideCache, { partial = false } = {}): Deck {
  const issues: DeckIssue[] = [];
  const files = inputs.map((i) => i.file);
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof DeckError)) throw e;
      issues.push(...issuesOf(e));
      return undefined;
    }
  };
  const first = inputs[0];
  const texts = inputs.map((i) => normalise(i.text));
  const front = first ? collect(() => parseFrontMatter(texts[0]!, first.file)) : undefined;
  const meta: DeckMeta = front?.meta ?? parseFrontMatter('', '').meta;
  if (front) issues.push(...front.issues);

  let citations: Citations | undefined;
  let sourcesText: string | null = null;
  const defaultSources = first ? posix.join(posix.dirname(first.file), meta.sources) : meta.sources;
  const picked = (first ? collect(() => pickSourcesFile(posix.dirname(first.file), meta.sources, host)) : undefined) ?? { path: defaultSources };
  if (picked.issue) issues.push(picked.issue);
  const sourcesPath = picked.path;
  // Read once, on first need; a broken sources file is one error, and citations then stay quiet.
  const loadCitations = (): Citations => {
    if (citations) return citations;
    const readSources = () => host.readText(sourcesPath);
    const read = collect(() => (first && meta.sourcesLine ? readAt(first.file, meta.sourcesLine, readSources) : readSources()));
    sourcesText = read ?? null;
    if (sourcesText !== null && !seen.has(sourcesPath)) {
      seen.add(sourcesPath);
      files.push(sourcesPath);
    }
    const parsed = read === undefined ? undefined : sourcesText === null ? new Map() : collect(() => parseSources(normalise(sourcesText!), sourcesPath));
    citations = new Citations(parsed ?? new Map(), sourcesPath, parsed === undefined);
    return citations;
  };
  const seen = new Set(files);
  const host2: CompileHost = {
    assetUrl: (p) => host.assetUrl(p),
    readText: (p) => {
      const t = host.readText(p);
      if (t !== null && !seen.has(p)) {
        seen.add(p);
        files.push(p);
      }
      return t === null ? null : normalise(t);
    },
  };

  const styles =
    first && /\.css$/i.test(meta.theme)
      ? (collect(() => [themeUrl(posix.join(posix.dirname(first.file), meta.theme), host, first.file, meta.themeLine ?? 1)]) ?? [])
      : [];
  // A deck's own stylesheet styles its own classes: fenced divs may use them without a warning.
  const ownCss = styles.length > 0 ? (collect(() => host.readText(posix.join(posix.dirname(first!.file), meta.theme))) ?? '') : '';
  const classes = [...(meta.classes ?? []), ...cssClasses(ownCss)];
  const logo =
    first && meta.logo ? collect(() => fileUrl(posix.join(posix.dirname(first.file), meta.logo!), host, first.file, meta.logoLine ?? 1, 'logo')) : undefined;
  const render = createMarkdown();
  if (cache) {
    loadCitations();
    cache.begin(JSON.stringify([meta.notesSeparator, sourcesText, meta.colors, classes]));
  }
  const stacks: { slides: CompiledSlide[]; lines: SlideInfo[] }[] = [];
  inputs.forEach((input, fileIndex) => {
    const skip = fileIndex === 0 ? (front?.lines ?? 0) : 0;
    const raw = collect(() => splitSlides(texts[fileIndex]!, input.file, skip, meta)) ?? [];
    for (const stack of raw) {
      const out = { slides: [] as CompiledSlide[], lines: [] as SlideInfo[] };
      for (const slide of stack) {
        const id = `s${stacks.length + 1}-${out.slides.length + 1}`;
        const compile = (cit: () => Citations, h: CompileHost) =>
          tooLarge(slide, () =>
            compileSlide(slide, { render, citations: cit, host: h, notesSeparator: meta.notesSeparator, colors: meta.colors, id, classes }),
          );
        // The line is left out of the key, so typing in one slide does not invalidate the slides below it;
        // a hit only needs its data-line attribute moved (lines matter otherwise only in errors, never cached).
        const key = cache && [slide.file, id, citations!.order.join(','), slide.body].join('\0');
        const compiled = collect(() =>
          cache && key
            ? relocate(
                cache.compile(key, citations!, host2, (c, h) => compile(() => c, h)),
                slide.line,
              )
            : compile(loadCitations, host2),
        );
        // A whole deck reads its sources file after its first slide, cited or not: a broken file, and sources
        // no slide cites, are reported for any deck.
        if (!partial) loadCitations();
        if (!compiled) continue;
        if (compiled.warnings) issues.push(...compiled.warnings);
        out.lines.push({
          h: stacks.length,
          v: out.slides.length,
          file: slide.file,
          line: slide.line,
          title: compiled.title,
          notes: compiled.notes,
          assets: compiled.assets,
        });
        out.slides.push(compiled);
      }
      if (out.slides.length > 0) stacks.push(out);
    }
  });
  cache?.end();
  if (inputs.length > 0 && stacks.length === 0 && !issues.some((i) => i.severity === 'error')) {
    issues.push({
      file: inputs.length === 1 ? first!.file : posix.dirname(first!.file),
      line: 0,
      severity: 'error',
      code: 'no-slides',
      message: 'the deck has no slides',
      hint: 'write some Markdown; separate slides with a line that is exactly ---',
    });
  }
  if (citations && !partial) {
    const unknownIsError = issues.some((i) => i.code === 'unknown-source');
    if (!unknownIsError) issues.push(...citations.uncited());
  }
  const cited = citations ? citations.order.map((k) => citations!.sources.get(k)!) : [];
  const pages = sourcePages(cited);
  // reveal removes `data-visibility="hidden"` slides as it starts; removed here too, every slide list (the
  // PDF's titles and numbers, the console's, the static print view) matches the slides reveal shows.
  const keepHidden = Boolean(meta.reveal?.showHiddenSlides);
  // A sources slide becomes as many slides as its list needs; a lone slide stays horizontal, a stacked one vertical.
  const expanded = stacks
    .flatMap(({ slides, lines }) => {
      const variants = slides.map((s, i) =>
        (s.html.includes(SOURCES_PLACEHOLDER)
          ? pages.map((page) => ({ html: s.html.replace(SOURCES_PLACEHOLDER, page), line: lines[i]! }))
          : [{ html: s.html, line: lines[i]! }]
        ).map((v) => ({ ...v, html: addChrome(v.html, v.line.h === 0 && v.line.v === 0, meta.footer, logo) })),
      );
      return slides.length === 1 ? variants[0]!.map((v) => [v]) : [variants.flat()];
    })
    .map((stack) => (keepHidden ? stack : stack.filter((s) => sectionVisibility(s.html) !== 'hidden')))
    .filter((stack) => stack.length > 0);
  const html = expanded.map((stack) => (stack.length === 1 ? stack[0]!.html : `<section>\n${stack.map((s) => s.html).join('\n')}\n</section>`)).join('\n');
  const slides = expanded.flatMap((stack, h) =>
    stack.map((s, v): SlideInfo => ({ ...s.line, h, v, ...(sectionVisibility(s.html) === 'uncounted' ? { uncounted: true } : {}) })),
  );
  const missingTitle = !meta.title && slides[0] ? slides[0].title : undefined;
  return { meta: missingTitle ? { ...meta, title: missingTitle } : meta, html, slides, sources: cited, issues: inReadingOrder(issues, files), files, styles };
}

/** Issues by file (in the deck's order: its Markdown files, then what they read) and line; stable otherwise. */
function inReadingOrder(issues: DeckIssue[], files: readonly string[]): DeckIssue[] {
  const rank = new Map(files.map((f, i) => [f, i]));
  const fileRank = (i: DeckIssue) => rank.get(i.file) ?? files.length;
  return issues
    .map((issue, at) => ({ issue, at }))
    .sort((a, b) => fileRank(a.issue) - fileRank(b.issue) || a.issue.line - b.issue.line || a.at - b.at)
    .map(({ issue }) => issue);
}

/** The class names a stylesheet's selectors name (comments, strings and url() left out). */
function cssClasses(css: string): string[] {
  const selectors = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/"[^"\n]*"|'[^'\n]*'|url\([^)]*\)/g, '')
    .replace(/\{[^{}]*\}/g, '{}');
  return [...new Set([...selectors.matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map((m) => m[1]!))];
}

/** How many sources fit one slide in the theme's two-column list. */
const SOURCES_PER_SLIDE = 24;

/** The list for the `<!-- sources -->` slide, one page of at most SOURCES_PER_SLIDE entries per slide. */
function sourcePages(sources: Source[]): string[] {
  if (sources.length === 0) return ['<p class="sources-empty">No sources cited.</p>'];
  // Pages share the list evenly (17 sources: 9 + 8, not 16 + an orphan page of 1).
  const perPage = Math.ceil(sources.length / Math.ceil(sources.length / SOURCES_PER_SLIDE));
  const pages: string[] = [];
  for (let start = 0; start < sources.length; start += perPage) {
    const chunk = sources.slice(start, start + perPage);
    const counter = sources.length > SOURCES_PER_SLIDE ? `<p class="sources-page">${start + 1}–${start + chunk.length} of ${sources.length}</p>\n` : '';
    pages.push(`${counter}${renderSourcesList(chunk, start + 1)}`);
  }
  return pages;
}

/** Sources as a numbered list (numbers follow the order of first citation, as the [n] markers do). */
function renderSourcesList(sources: Source[], start: number): string {
  const items = sources.map((s) => {
    const title = s.url && isSafeUrl(s.url) ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a>` : escapeHtml(s.title);
    const note = s.note ? ` <span class="source-note">${escapeHtml(s.note)}</span>` : '';
    return `<li id="source-${escapeHtml(s.key)}"><span class="source-publisher">${escapeHtml(s.publisher)}</span>, ${title}, ${formatDate(s.date).replace(/\.$/, '')}.${note}</li>`;
  });
  return `<ol class="sources-list"${start > 1 ? ` start="${start}"` : ''}>\n${items.join('\n')}\n</ol>`;
}

/** The URL of the deck's own stylesheet (`theme: custom.css`), or a located error when it is missing. */
function themeUrl(path: string, host: CompileHost, file: string, line: number): string {
  return fileUrl(path, host, file, line, 'theme');
}

/** The URL of a file the front matter names (`theme:`, `logo:`), or a located error when it is missing. */
function fileUrl(path: string, host: CompileHost, file: string, line: number, key: string): string {
  const url = readAt(file, line, () => host.assetUrl(path));
  if (url === null)
    throw new DeckError({
      file,
      line,
      code: `${key}-not-found`,
      message: `${key} file \`${path}\` not found`,
      hint: 'the path is relative to the first Markdown file',
    });
  return url;
}

/**
 * A last line of defence: a slide that still exhausts the stack or the string size (input beyond every limit
 * the stages check) becomes a located error, never a stack trace.
 */
function tooLarge<T>(slide: { file: string; line: number }, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new DeckError({
      file: slide.file,
      line: slide.line,
      code: 'too-large',
      message: 'this slide is too large or too deeply nested to compile',
      hint: 'split it into smaller slides',
    });
  }
}

/** A cached slide at its current line: only the section's data-line attribute depends on it. */
function relocate(slide: CompiledSlide, line: number): CompiledSlide {
  const was = Number(/^<section[^>]*? data-line="(\d+)"/.exec(slide.html)?.[1] ?? line);
  const html = slide.html.replace(/^(<section[^>]*? data-line=")\d+"/, `$1${line}"`);
  return html === slide.html
    ? slide
    : {
        ...slide,
        html,
        assets: slide.assets.map(([url, at]) => [url, at + line - was]),
        ...(slide.warnings ? { warnings: slide.warnings.map((w) => ({ ...w, line: w.line + line - was })) } : {}),
      };
}
