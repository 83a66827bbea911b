/** The regex-based attribute comments as they were before the linear rewrite, kept to prove the new one equal. */
/** Attributes from `<!-- .slide: ... -->` comments, for the slide's <section>. */
type Attributes = Map<string, string | true>;

const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Parses `class="a" data-x="1" data-y` into ordered name/value pairs. */
function parseAttributes(text: string): Attributes {
  const attrs: Attributes = new Map();
  const re = /([^\s"'=<>`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of text.matchAll(re)) attrs.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? true);
  return attrs;
}

/** Merges attributes: classes add up, other names are replaced (reveal.js sets them). */
function mergeAttributes(into: Attributes, from: Attributes): void {
  for (const [name, value] of from) {
    const old = into.get(name);
    if (name === 'class' && typeof old === 'string' && typeof value === 'string') into.set(name, `${old} ${value}`.trim());
    else into.set(name, value);
  }
}

/** Renders attributes as ` name="value"`, escaping quotes and ampersands. */
function renderAttributes(attrs: Attributes): string {
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
export function referenceApplyCommentAttributes(html: string): { html: string; slide: Attributes } {
  const slide: Attributes = new Map();
  if (!html.includes('<!--')) return { html, slide };
  const edits: { at: number; attrs: Attributes; tagEnd: number }[] = [];
  const removals: [number, number][] = [];
  const stack: Open[] = [{ name: '#root', tagStart: -1, tagEnd: -1 }];
  let rawUntil: string | undefined;
  for (const m of html.matchAll(TAG)) {
    const at = m.index;
    const top = stack[stack.length - 1]!;
    if (rawUntil) {
      if (m[1] === '/' && m[2]!.toLowerCase() === rawUntil) {
        rawUntil = undefined;
        closeInto(stack, stack.pop()!);
      }
      continue;
    }
    if (m[0].startsWith('<!--')) {
      const c = /^<!--\s*\.(slide|element):\s*([\s\S]*?)\s*-->$/.exec(m[0]);
      if (!c) continue;
      removals.push([at, at + m[0].length]);
      const attrs = parseAttributes(c[2]!);
      const target = c[1] === 'element' ? (top.lastChild ?? (top.tagStart >= 0 ? top : undefined)) : undefined;
      if (target) edits.push({ at: target.tagStart, tagEnd: target.tagEnd, attrs });
      else mergeAttributes(slide, attrs);
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1] === '/') {
      const idx = findOpen(stack, name);
      if (idx < 0) continue;
      while (stack.length > idx) closeInto(stack, stack.pop()!);
      continue;
    }
    const el = { tagStart: at, tagEnd: at + m[0].length };
    if (VOID.has(name) || m[4] === '/') {
      if (name !== 'br') top.lastChild = el;
      continue;
    }
    stack.push({ name, ...el });
    if (RAW_TEXT.has(name)) rawUntil = name;
  }
  let out = html;
  // Apply from the end so earlier offsets stay valid; comments and edits never overlap.
  const ops = [
    ...removals.map(([s, e]) => ({ pos: s, run: (t: string) => t.slice(0, s) + t.slice(e).replace(/^[ \t]+(?=\n|<\/)/, '') })),
    ...groupEdits(edits).map((e) => ({ pos: e.at, run: (t: string) => insertAttributes(t, e.at, e.tagEnd, e.attrs) })),
  ].sort((a, b) => b.pos - a.pos);
  for (const op of ops) out = op.run(out);
  return { html: out.replace(/[ \t]+(<\/(p|li|h[1-6]|td|th)>)/g, '$1'), slide };
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

/** Rewrites the start tag at [start, end) with extra attributes merged into its own. */
function insertAttributes(html: string, start: number, end: number, extra: Attributes): string {
  const tag = html.slice(start, end);
  const m = /^<([a-zA-Z][\w:-]*)([\s\S]*?)(\/?)>$/.exec(tag);
  if (!m) return html;
  const attrs = parseAttributes(m[2]!);
  mergeAttributes(attrs, extra);
  return `${html.slice(0, start)}<${m[1]}${renderAttributes(attrs)}${m[3] ? ' /' : ''}>${html.slice(end)}`;
}
