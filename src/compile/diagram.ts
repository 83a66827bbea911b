import { checkDiagram } from './diagram-check.ts';
import { diagramSizeProblem } from './diagram-size.ts';
import { renderTimeline } from './diagram-timeline.ts';
import { escapeHtml } from './html.ts';
import { mermaidLib } from './lazy-libs.ts';
import { SyntaxAtText } from './syntax-error.ts';

/**
 * ```mermaid fences become inline SVG at build time with beautiful-mermaid (pure JS, no DOM, no browser):
 * flowcharts, sequence, state, class and ER diagrams; `timeline` is drawn by diagram-timeline.ts. Colours are the theme's `--diagram-*` variables, so
 * a diagram follows the deck's palette and the light theme. `accTitle:` and `accDescr:` lines (Mermaid's
 * own accessibility syntax) give the SVG its title and description; without them they are derived.
 */

/** Smallest text beautiful-mermaid draws (11 px) scaled to 24 px on the slide. */
const SCALE = 24 / 11;
/** Rendered SVGs by source: an unchanged diagram costs nothing on rebuild or in the dev server. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 200;
const SUPPORTED = /^(graph|flowchart|sequenceDiagram|stateDiagram(-v2)?|classDiagram|erDiagram|xychart(-beta)?|timeline)\b/;

const COLOURS = {
  bg: 'var(--diagram-bg)',
  fg: 'var(--diagram-fg)',
  line: 'var(--diagram-line)',
  accent: 'var(--diagram-accent)',
  muted: 'var(--diagram-muted)',
  surface: 'var(--diagram-surface)',
  border: 'var(--diagram-border)',
};

/** Renders one ```mermaid fence; `idPrefix` keeps the SVG's ids unique in the deck. */
export function renderDiagram(source: string, idPrefix: string): string {
  const { title, desc, body, first, header } = readFence(source);
  if (!SUPPORTED.test(header)) {
    const kind = header.split(/\s/)[0] ?? '';
    throw new SyntaxAtText(
      header || source.trim(),
      header ? `Mermaid \`${kind}\` diagrams are not supported` : 'the mermaid block is empty',
      'supported: flowchart (graph), sequenceDiagram, stateDiagram-v2, classDiagram, erDiagram, xychart-beta, timeline',
      'diagram-error',
    );
  }
  const checked = checkDiagram(body.slice(first));
  if ('why' in checked) {
    const line = body[first + checked.index]!.trim();
    // Located by the lines above it, not by its text: the same line may appear twice in a diagram.
    throw new SyntaxAtText(
      body[first]!.trim(),
      `Mermaid syntax error: ${checked.why}: \`${line}\``,
      checked.hint ?? "see mermaid.js.org/syntax for the diagram's syntax",
      'diagram-error',
      checked.index,
    );
  }
  const tooLarge = diagramSizeProblem(body.slice(first));
  if (tooLarge) throw new SyntaxAtText(header, tooLarge, 'split it into several diagrams on several slides, or show a picture of it', 'diagram-too-large');
  const key = [...body.slice(0, first), ...checked.lines].join('\n');
  if (header.startsWith('timeline')) {
    // beautiful-mermaid has no timeline: drawn here, already at slide size (28 px text).
    const t = renderTimeline(body.slice(first));
    return `<figure class="diagram">${withIds(t.svg, idPrefix, title ?? t.title ?? 'Timeline', desc ?? t.desc, 1)}</figure>\n`;
  }
  let svg = cache.get(key);
  if (svg === undefined) {
    try {
      svg = layoutDiagram(key);
    } catch (e) {
      throw new SyntaxAtText(header, `Mermaid syntax error: ${(e as Error).message}`, "see mermaid.js.org/syntax for the diagram's syntax", 'diagram-error');
    }
    primeDiagram(key, svg);
  }
  const label = title ?? `${kindName(header)}`;
  const description = desc ?? describe(key, header);
  return `<figure class="diagram">${withIds(svg, idPrefix, label, description)}</figure>\n`;
}

/** A fence's title and description, and its lines with those and Mermaid's front matter blanked (not removed: error lines stay the source's). */
function readFence(source: string): { title?: string; desc?: string; body: string[]; first: number; header: string } {
  const lines = source.split('\n');
  // Mermaid's own front matter (`---` / `title: …` / `---` above the header) gives the title.
  const start = lines.findIndex((l) => l.trim() !== '');
  const close = lines[start]?.trim() === '---' ? lines.findIndex((l, i) => i > start && l.trim() === '---') : -1;
  const front = close > 0 ? lines.slice(start + 1, close) : [];
  const body = lines.map((l, i) => (/^\s*acc(Title|Descr)\s*:/.test(l) || (i >= start && i <= close) ? '' : l));
  const first = body.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('%%'));
  return { title: meta(lines, 'accTitle') ?? meta(front, 'title'), desc: meta(lines, 'accDescr'), body, first, header: body[first]?.trim() ?? '' };
}

/** Drops what a slide must not load or repeat: the Google Fonts import (the theme self-hosts Inter). */
function tidy(svg: string): string {
  return svg.replace(/^\s*@import url\([^)\n]*\);?\s*$/m, '');
}

/** Prefixes every id and reference, scales the drawing up, and adds the title and description. */
function withIds(svg: string, prefix: string, title: string, desc: string, scale = SCALE): string {
  const p = `${prefix}-`;
  const out = svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${p}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${p}${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${p}${id}"`);
  return out.replace(
    /^<svg([^>]*?) width="([\d.]+)" height="([\d.]+)"([^>]*)>/,
    (_, a: string, w: string, h: string, b: string) =>
      `<svg${a} width="${Math.round(Number(w) * scale)}" height="${Math.round(Number(h) * scale)}"${b} class="diagram-svg" role="img" aria-labelledby="${p}title ${p}desc">` +
      `<title id="${p}title">${escapeHtml(title)}</title><desc id="${p}desc">${escapeHtml(desc)}</desc>`,
  );
}

function meta(lines: string[], key: string): string | undefined {
  const m = lines.map((l) => new RegExp(`^\\s*${key}\\s*:\\s*(.*)$`).exec(l)).find(Boolean);
  return m?.[1]?.trim() || undefined;
}

function kindName(header: string): string {
  if (/^(graph|flowchart)/.test(header)) return 'Flowchart';
  if (header.startsWith('sequence')) return 'Sequence diagram';
  if (header.startsWith('state')) return 'State diagram';
  if (header.startsWith('class')) return 'Class diagram';
  if (header.startsWith('er')) return 'Entity-relationship diagram';
  return 'Chart';
}

/** A plain-language description for screen readers: the links of a flowchart, the messages of a sequence. */
function describe(source: string, header: string): string {
  if (/^(graph|flowchart|stateDiagram)/.test(header)) {
    try {
      const g = mermaidLib().parseMermaid(source);
      const name = (id: string) => g.nodes.get(id)?.label || id;
      const links = g.edges.map((e) => `${name(e.source)} to ${name(e.target)}${e.label ? ` (${e.label})` : ''}`);
      if (links.length > 0) return `${links.length} link${links.length > 1 ? 's' : ''}: ${links.join('; ')}.`;
      return `${g.nodes.size} boxes: ${[...g.nodes.values()].map((n) => n.label).join(', ')}.`;
    } catch {
      /* described generically below */
    }
  }
  if (header.startsWith('sequence')) {
    const messages = source
      .split('\n')
      .map((l) => /^\s*([^:>\s-][^:>-]*)-{1,2}[>x)]{1,2}[+-]?([^:]+):(.*)$/.exec(l))
      .filter((m) => m !== null);
    if (messages.length > 0) return `${messages.map((m) => `${m[1]!.trim()} to ${m[2]!.trim()}: ${m[3]!.trim()}`).join('; ')}.`;
  }
  return `${kindName(header)}.`;
}

/** The expensive step, the layout of a diagram's source (a `layoutKey`) into its SVG: dev runs it on a worker thread. */
export function layoutDiagram(key: string): string {
  return tidy(mermaidLib().renderMermaidSVG(key, { ...COLOURS, transparent: true, font: 'Inter' }));
}

/** The source of a ```mermaid fence as renderDiagram lays it out, when it would be laid out and is not yet. */
export function layoutKey(source: string): string | undefined {
  const { body, first, header } = readFence(source);
  if (!SUPPORTED.test(header) || header.startsWith('timeline') || diagramSizeProblem(body.slice(first))) return undefined;
  const checked = checkDiagram(body.slice(first));
  if ('why' in checked) return undefined;
  const key = [...body.slice(0, first), ...checked.lines].join('\n');
  return cache.has(key) ? undefined : key;
}

/** Keeps a laid-out diagram for the next compile (the oldest goes beyond CACHE_LIMIT). */
export function primeDiagram(key: string, svg: string): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, svg);
}
