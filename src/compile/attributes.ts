/** Attributes from `<!-- .slide: ... -->` comments, for the slide's <section>. */
export type Attributes = Map<string, string | true>;

/** A comment or tag in HTML: `close` is '/' for an end tag, `self` is '/' for `<x/>`. */
interface Tag {
  index: number;
  text: string;
  close: string;
  name: string;
  self: string;
}

/**
 * The comments and tags of `html`, in order, as `<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>`
 * would match them, in linear time: that regex rescans to the end from every `<` when a comment, a quote or a
 * tag is never closed. Here the first such `<` ends the scan, as it ends the markup for a browser.
 */
function* tags(html: string): Generator<Tag> {
  const name = /\/?([a-zA-Z][\w:-]*)/y;
  const plain = /[^>"']*/y;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      if (end < 0) return;
      yield { index: at, text: html.slice(at, end + 3), close: '', name: '', self: '' };
      at = end + 2;
      continue;
    }
    name.lastIndex = at + 1;
    const n = name.exec(html);
    if (!n) continue;
    let p = name.lastIndex;
    for (;;) {
      plain.lastIndex = p;
      plain.exec(html);
      p = plain.lastIndex;
      if (p >= html.length) return;
      if (html[p] === '>') break;
      const q = html.indexOf(html[p]!, p + 1);
      if (q < 0) return;
      p = q + 1;
    }
    const text = html.slice(at, p + 1);
    yield { index: at, text, close: n[0][0] === '/' ? '/' : '', name: n[1]!, self: html[p - 1] === '/' && p - 1 >= name.lastIndex ? '/' : '' };
    at = p;
  }
}
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Parses `class="a" data-x="1" data-y` into ordered name/value pairs. */
export function parseAttributes(text: string): Attributes {
  const attrs: Attributes = new Map();
  const re = /([^\s"'=<>`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of text.matchAll(re)) attrs.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? true);
  return attrs;
}

/** Merges attributes: classes add up, other names are replaced (reveal.js sets them). */
export function mergeAttributes(into: Attributes, from: Attributes): void {
  for (const [name, value] of from) {
    const old = into.get(name);
    if (name === 'class' && typeof old === 'string' && typeof value === 'string') into.set(name, `${old} ${value}`.trim());
    else into.set(name, value);
  }
}

/** Renders attributes as ` name="value"`, escaping quotes and ampersands. */
export function renderAttributes(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of attrs) out += value === true ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`;
  return out;
}

const escapeAttr = (s: string) =>
  s
    .replace(/&(?!#?\w+;)/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');

interface Open {
  name: string;
  tagStart: number;
  tagEnd: number;
  lastChild?: { tagStart: number; tagEnd: number };
}

/**
 * Applies reveal.js attribute comments to rendered slide HTML: `.element:` goes to the previous element
 * sibling, or to the parent when there is none (as reveal's markdown plugin does in the DOM);
 * `.slide:` and a parentless `.element:` go to the slide. Returns the HTML without those comments.
 */
export function applyCommentAttributes(html: string): { html: string; slide: Attributes } {
  const slide: Attributes = new Map();
  if (!html.includes('<!--')) return { html, slide };
  const edits: { at: number; attrs: Attributes; tagEnd: number }[] = [];
  const removals: [number, number][] = [];
  const stack: Open[] = [{ name: '#root', tagStart: -1, tagEnd: -1 }];
  let rawUntil: string | undefined;
  for (const m of tags(html)) {
    const at = m.index;
    const top = stack[stack.length - 1]!;
    if (rawUntil) {
      if (m.close === '/' && m.name.toLowerCase() === rawUntil) {
        rawUntil = undefined;
        closeInto(stack, stack.pop()!);
      }
      continue;
    }
    if (m.text.startsWith('<!--')) {
      // Trimmed rather than matched with `\s*([\s\S]*?)\s*-->`, which is quadratic in a run of blanks.
      const c = /^\s*\.(slide|element):/.exec(m.text.slice(4, -3));
      if (!c) continue;
      removals.push([at, at + m.text.length]);
      const attrs = parseAttributes(m.text.slice(4 + c[0].length, -3).trim());
      const target = c[1] === 'element' ? (top.lastChild ?? (top.tagStart >= 0 ? top : undefined)) : undefined;
      if (target) edits.push({ at: target.tagStart, tagEnd: target.tagEnd, attrs });
      else mergeAttributes(slide, attrs);
      continue;
    }
    const name = m.name.toLowerCase();
    if (m.close === '/') {
      const idx = findOpen(stack, name);
      if (idx < 0) continue;
      while (stack.length > idx) closeInto(stack, stack.pop()!);
      continue;
    }
    const el = { tagStart: at, tagEnd: at + m.text.length };
    if (VOID.has(name) || m.self === '/') {
      if (name !== 'br') top.lastChild = el;
      continue;
    }
    stack.push({ name, ...el });
    if (RAW_TEXT.has(name)) rawUntil = name;
  }
  return { html: applyEdits(html, removals, groupEdits(edits)).replace(/(?<![ \t])[ \t]+(<\/(p|li|h[1-6]|td|th)>)/g, '$1'), slide };
}

/**
 * Removes the comments and rewrites the start tags in one pass (they never overlap), where applying each edit
 * to the whole string was quadratic. After a removed comment, the blanks go too when a line break or an end
 * tag follows them, looking through comments removed right after it (as removing them from the end did).
 */
function applyEdits(html: string, removals: [number, number][], edits: { at: number; tagEnd: number; attrs: Attributes }[]): string {
  const ops = [
    ...removals.map(([start, end]) => ({ start, end, attrs: undefined as Attributes | undefined, skip: 0 })),
    ...edits.map((e) => ({ start: e.at, end: e.tagEnd, attrs: e.attrs as Attributes | undefined, skip: 0 })),
  ].sort((a, b) => a.start - b.start);
  const blanks = /[ \t]*/y;
  let endsLine = false;
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (op.attrs) continue;
    blanks.lastIndex = op.end;
    blanks.exec(html);
    const after = blanks.lastIndex;
    const next = ops[i + 1];
    endsLine = next && !next.attrs && next.start === after ? endsLine : html[after] === '\n' || html.startsWith('</', after);
    op.skip = endsLine ? after - op.end : 0;
  }
  let out = '';
  let cursor = 0;
  for (const op of ops) {
    out += html.slice(cursor, op.start) + (op.attrs ? rewriteTag(html.slice(op.start, op.end), op.attrs) : '');
    cursor = op.end + op.skip;
  }
  return out + html.slice(cursor);
}

function closeInto(stack: Open[], el: Open): void {
  const parent = stack[stack.length - 1];
  if (parent) parent.lastChild = { tagStart: el.tagStart, tagEnd: el.tagEnd };
}

function findOpen(stack: Open[], name: string): number {
  for (let i = stack.length - 1; i > 0; i--) if (stack[i]!.name === name) return i;
  return -1;
}

function groupEdits(edits: { at: number; tagEnd: number; attrs: Attributes }[]) {
  const byTag = new Map<number, { at: number; tagEnd: number; attrs: Attributes }>();
  for (const e of edits) {
    const prev = byTag.get(e.at);
    if (prev) mergeAttributes(prev.attrs, e.attrs);
    else byTag.set(e.at, { ...e, attrs: new Map(e.attrs) });
  }
  return [...byTag.values()];
}

/** A start tag with extra attributes merged into its own. */
function rewriteTag(tag: string, extra: Attributes): string {
  const m = /^<([a-zA-Z][\w:-]*)([\s\S]*?)(\/?)>$/.exec(tag);
  if (!m) return tag;
  const attrs = parseAttributes(m[2]!);
  mergeAttributes(attrs, extra);
  return `<${m[1]}${renderAttributes(attrs)}${m[3] ? ' /' : ''}>`;
}
