import { mermaidLib } from './lazy-libs.ts';

/**
 * One flowchart line read the way Mermaid writes it, and rewritten the way beautiful-mermaid reads it.
 * beautiful-mermaid stops reading a line at the first thing it does not know and draws the rest, so
 * `Q[Query] -> P{Planner}` lost its edge and `P`, and `A-->B` (no spaces, as Mermaid's own docs write it)
 * became one node called `A--`. Here every token of a line must be read, or the line is an error; the
 * rewrite puts spaces around links and turns `A -- text --> B` into `A -->|text| B`, and the renderer's own
 * reading of the rewrite must give exactly the nodes and edges found here.
 */
export type LineResult = { text: string } | { why: string; hint?: string };

/** Node ids: words joined by single dashes (`us-east`), so `A-->B` is A, a link, B. */
const ID = /^[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*/u;
/** Shapes in beautiful-mermaid's order (multi-character delimiters first). */
const SHAPES: [open: string, close: string][] = [
  ['(((', ')))'],
  ['([', '])'],
  ['((', '))'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['[/', '\\]'],
  ['[\\', '/]'],
  ['>', ']'],
  ['{{', '}}'],
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
];
/** Mermaid shapes the renderer would draw as something else. */
const UNSUPPORTED_SHAPES: [RegExp, string][] = [
  [/^@\{/, 'shapes written `A@{ shape: … }`'],
  [/^\[\/[^\]]*\/\]/, 'parallelograms `A[/text/]`'],
  [/^\[\\[^\]]*\\\]/, 'parallelograms `A[\\text\\]`'],
];
/** A link written without text: its length (`--->`) is only a layout hint in Mermaid; the renderer draws one length. */
const LINKS: [RegExp, string][] = [
  [/^-{2,}>/, '-->'],
  [/^-{3,}/, '---'],
  [/^={2,}>/, '==>'],
  [/^={3,}/, '==='],
  [/^-\.+->/, '-.->'],
  [/^-\.+-/, '-.-'],
];
/** `-- text -->`, `== text ==>`, `-. text .->`: the opening and the closings that go with it. */
const TEXT_LINKS: [open: string, close: RegExp, canonical: Record<string, string>][] = [
  ['--', /^(-{2,}>|-{3,})/, { '>': '-->', '-': '---' }],
  ['==', /^(={2,}>|={3,})/, { '>': '==>', '=': '===' }],
  ['-.', /^(\.+->|\.+-)/, { '>': '-.->', '-': '-.-' }],
];
const LINK_HINT = 'links are `-->`, `---`, `-.->`, `==>` (and `<-->`), with text as `-->|text|` or `-- text -->`';

interface Node {
  id: string;
  text: string;
}

/** Reads a node (`A`, `A[label]`, `A((label)):::cls`) at the start of `s`. */
function readNode(s: string): { node: Node; rest: string } | { why: string; hint?: string } | undefined {
  const id = ID.exec(s)?.[0];
  if (!id) return undefined;
  let rest = s.slice(id.length);
  for (const [re, what] of UNSUPPORTED_SHAPES) {
    if (re.test(rest))
      return { why: `${what} are not supported`, hint: 'use `A[text]`, `A(text)`, `A{text}`, `A((text))`, `A([text])`, `A[(text)]`, `A{{text}}`' };
  }
  let text = id;
  const shape = SHAPES.find(([open]) => rest.startsWith(open));
  if (shape) {
    const [open, close] = shape;
    const body = rest.slice(open.length);
    const quoted = /^"([^"]*)"/.exec(body);
    const end = quoted ? quoted[0].length : body.indexOf(close);
    if (end <= 0 || !body.startsWith(close, end))
      return { why: `the label of \`${id}\` is not closed with \`${close}\``, hint: 'quote a label that contains brackets: A["a (b)"]' };
    const label = quoted ? quoted[1]! : body.slice(0, end);
    // The renderer ends a label at the first closing delimiter, even inside quotes.
    if (label.includes(close[0]!))
      return { why: `the label of \`${id}\` contains \`${close[0]}\`, which ends it early`, hint: 'leave that character out of the label' };
    text = `${id}${open}${label}${close}`;
    rest = body.slice(end + close.length);
  }
  const cls = /^:::[A-Za-z_][\w-]*/.exec(rest)?.[0] ?? '';
  return { node: { id, text: text + cls }, rest: rest.slice(cls.length) };
}

function readGroup(s: string): { nodes: Node[]; rest: string } | { why: string; hint?: string } | undefined {
  const nodes: Node[] = [];
  let rest = s;
  for (;;) {
    const read = readNode(rest.trimStart());
    if (!read) return nodes.length === 0 ? undefined : { why: 'nothing follows `&`', hint: 'write `A & B --> C`' };
    if ('why' in read) return read;
    nodes.push(read.node);
    rest = read.rest.trimStart();
    if (!rest.startsWith('&')) return { nodes, rest };
    rest = rest.slice(1);
  }
}

function readLink(s: string): { text: string; rest: string } | { why: string; hint?: string } {
  const back = s.startsWith('<') ? '<' : '';
  const at = s.slice(back.length);
  for (const [re, canonical] of LINKS) {
    const m = re.exec(at);
    if (!m) continue;
    let rest = at.slice(m[0].length);
    const label = /^\|([^|]*)\|/.exec(rest);
    if (label) rest = rest.slice(label[0].length);
    return { text: `${back}${canonical}${label ? `|${label[1]}|` : ''}`, rest };
  }
  for (const [open, close, canonical] of TEXT_LINKS) {
    if (!at.startsWith(open) || !/^\s/.test(at.slice(open.length))) continue;
    const body = at.slice(open.length);
    const end = [...body.matchAll(/\s(?=\S)/g)].map((m) => m.index + 1).find((i) => close.test(body.slice(i)));
    if (end === undefined) continue;
    const text = body.slice(0, end).trim();
    const closing = close.exec(body.slice(end))![0];
    if (text.includes('|')) return { why: 'a link text cannot contain `|`', hint: LINK_HINT };
    return { text: `${back}${canonical[closing.endsWith('>') ? '>' : closing.slice(-1)]}|${text}|`, rest: body.slice(end + closing.length) };
  }
  if (/^(o|x)?(--|==|-\.)[-=.]*(o|x)/.test(at)) return { why: 'circle and cross arrow heads (`--o`, `--x`) are not supported', hint: LINK_HINT };
  if (at.startsWith('~~~')) return { why: 'invisible links (`~~~`) are not supported', hint: 'leave the link out, or draw it: `A --- B`' };
  if (/^-+>/.test(at) || /^=>/.test(at)) return { why: `\`${/^[-=]+>/.exec(at)![0]}\` is not a Mermaid link`, hint: LINK_HINT };
  return { why: `cannot read \`${clip(s)}\``, hint: LINK_HINT };
}

/** Reads one flowchart line of nodes and links; returns the line rewritten for the renderer, or why it cannot be read. */
export function flowchartEdgeLine(header: string, line: string): LineResult {
  const body = line.replace(/;\s*$/, '');
  const first = readGroup(body);
  if (!first) return { why: 'cannot read this line', hint: 'a line is a node `A[text]` or nodes joined by links: `A --> B`' };
  if ('why' in first) return first;
  const parts = [first.nodes.map((n) => n.text).join(' & ')];
  const edges: [string, string][] = [];
  let from = first.nodes;
  let rest = first.rest;
  while (rest.trim() !== '') {
    const link = readLink(rest.trimStart());
    if ('why' in link) return link;
    const to = readGroup(link.rest);
    if (!to) return { why: 'the link has no node at its end', hint: 'write `A --> B`' };
    if ('why' in to) return to;
    parts.push(link.text, to.nodes.map((n) => n.text).join(' & '));
    for (const a of from) for (const b of to.nodes) edges.push([a.id, b.id]);
    from = to.nodes;
    rest = to.rest;
  }
  const text = parts.join(' ');
  // The renderer must read the rewrite exactly as read here: the same nodes and the same edges, in order.
  const g = mermaidLib().parseMermaid(`${header}\n${text}`);
  const ids = new Set(parts.filter((_, i) => i % 2 === 0).flatMap((p) => p.split(' & ').map((n) => ID.exec(n)![0])));
  const same =
    g.nodes.size === ids.size &&
    [...ids].every((id) => g.nodes.has(id)) &&
    g.edges.length === edges.length &&
    g.edges.every((e, i) => e.source === edges[i]![0] && e.target === edges[i]![1]);
  return same ? { text } : { why: 'the renderer cannot draw this line as written', hint: 'simplify it: one link per line, plain labels' };
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
