import type { Tokens, TokenizerAndRendererExtension } from 'marked';
import { blockStart } from './block-start.ts';
import { escapeHtml } from './html.ts';

/**
 * Pandoc-style fenced divs: `::: name` … `:::` (or `::: {.name #id width="40%"}`), nestable, give
 * `<div class="name">`. The built-in theme styles `columns`/`column`, `center`, `big-number`, `callout`, `quote`.
 */

interface DivToken extends Tokens.Generic {
  type: 'fencedDiv';
  attrs: string;
  tokens: Tokens.Generic[];
}

// Linear: each part is a single class with no overlap between neighbours.
export const OPEN = /^ {0,3}(:{3,})[ \t]*(\{[^}\n]*\}|[\w-]+)[ \t]*:*[ \t]*$/;
export const CLOSE = /^ {0,3}:{3,}[ \t]*$/;
export const CODE = /^ {0,3}(`{3,}|~{3,})/;
/** Deeper nesting than this is taken as text: real layouts nest two or three levels. */
const MAX_DEPTH = 16;

// How deep each lexer is inside divs: the state of one parse (as marked keeps its own on the lexer), so
// parses never share a counter.
const nesting = new WeakMap<object, number>();

/** The marked extension. */
export const fencedDivs: TokenizerAndRendererExtension = {
  name: 'fencedDiv',
  level: 'block',
  start: (src) => blockStart(src, /^ {0,3}:{3}/m),
  tokenizer(src) {
    const depth = nesting.get(this.lexer) ?? 0;
    if (depth >= MAX_DEPTH) return undefined;
    const nl = src.indexOf('\n');
    const open = OPEN.exec(nl < 0 ? src : src.slice(0, nl));
    if (!open) return undefined;
    const { inner, raw } = closing(src, nl);
    const token: DivToken = { type: 'fencedDiv', raw, attrs: renderDivAttributes(open[2]!), tokens: [] };
    nesting.set(this.lexer, depth + 1);
    try {
      this.lexer.blockTokens(inner, token.tokens);
    } finally {
      nesting.set(this.lexer, depth);
    }
    return token;
  },
  renderer(token) {
    return `<div${(token as DivToken).attrs}>\n${this.parser.parse((token as DivToken).tokens)}</div>\n`;
  },
};

/**
 * The div's inner text and its whole source, up to the line closing the div opened on the first line
 * (skipping code fences and nested divs). Walks lines with indexOf, so a div costs its own length.
 */
function closing(src: string, firstEnd: number): { inner: string; raw: string } {
  let depth = 1;
  let fence = '';
  for (let start = firstEnd < 0 ? src.length : firstEnd + 1; start < src.length; ) {
    const nl = src.indexOf('\n', start);
    const end = nl < 0 ? src.length : nl;
    const line = src.slice(start, end);
    const code = CODE.exec(line);
    if (fence) {
      if (code && code[1]![0] === fence[0] && code[1]!.length >= fence.length && line.trim() === code[1]) fence = '';
    } else if (code) {
      fence = code[1]!;
    } else if (CLOSE.test(line)) {
      if (--depth === 0) return { inner: src.slice(firstEnd + 1, start), raw: src.slice(0, nl < 0 ? end : nl + 1) };
    } else if (OPEN.test(line) && depth < MAX_DEPTH) depth++;
    start = end + 1;
  }
  // Unclosed: the div runs to the end of the slide, as an author who forgot the last `:::` meant.
  return { inner: firstEnd < 0 ? '' : src.slice(firstEnd + 1), raw: src };
}

/** `name` or `{.a .b #id key="v" key=v}` as HTML attributes; `width` becomes the column's share of the row. */
export function renderDivAttributes(spec: string): string {
  if (!spec.startsWith('{')) return ` class="${escapeHtml(spec)}"`;
  const classes: string[] = [];
  const attrs: string[] = [];
  let id = '';
  let style = '';
  for (const m of spec.slice(1, -1).matchAll(/([.#]?)([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+)))?/g)) {
    const [, sigil, name, ...values] = m;
    const value = values.find((v) => v !== undefined);
    if (sigil === '.') classes.push(name!);
    else if (sigil === '#') id = name!;
    else if (value === undefined) classes.push(name!);
    else if (name === 'width') style += `flex: 0 1 ${cssLength(value)};`;
    else if (name === 'style') style += value;
    else if (!/^on/i.test(name!)) attrs.push(`${name}="${escapeHtml(value)}"`);
  }
  return (
    (id ? ` id="${escapeHtml(id)}"` : '') +
    (classes.length ? ` class="${escapeHtml(classes.join(' '))}"` : '') +
    (style ? ` style="${escapeHtml(style)}"` : '') +
    attrs.map((a) => ` ${a}`).join('')
  );
}

/** `40%`, `0.4` (Pandoc's fraction) or `300px`; anything else is ignored as auto. */
function cssLength(value: string): string {
  if (/^\d+(\.\d+)?(%|px|em|rem)$/.test(value)) return value;
  if (/^0?\.\d+$|^1(\.0+)?$/.test(value)) return `${Math.round(Number(value) * 1000) / 10}%`;
  return 'auto';
}
