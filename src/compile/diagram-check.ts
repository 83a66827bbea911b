import { mermaidLib } from './lazy-libs.ts';

/**
 * beautiful-mermaid skips lines it cannot read and draws the rest, so a typo would silently drop a box or
 * an arrow. These checks find such lines first. Returns the 0-based index of the first bad line of
 * `lines` (the diagram's lines, header first) and why, or undefined when every line reads.
 */
export function findBadLine(lines: readonly string[]): { index: number; why: string } | undefined {
  const header = lines[0]!.trim();
  const kind = /^(\w[\w-]*)/.exec(header)?.[1] ?? '';
  const body = lines.map((l, index) => ({ text: l.trim(), index })).slice(1).filter((l) => l.text !== '' && !l.text.startsWith('%%'));
  if (/^(graph|flowchart)$/.test(kind)) return firstBad(body, (t) => flowchartLine(header, t));
  if (kind === 'sequenceDiagram') return firstBad(body, sequenceLine);
  return undefined;
}

function firstBad(lines: { text: string; index: number }[], why: (text: string) => string | undefined) {
  for (const l of lines) {
    const reason = why(l.text);
    if (reason) return { index: l.index, why: reason };
  }
  return undefined;
}

const BRACKETS: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** A flowchart line must have balanced brackets, and produce a node, an edge or a setting when read alone. */
function flowchartLine(header: string, text: string): string | undefined {
  if (/^(end|direction\s+(TB|TD|BT|LR|RL)|subgraph\b.*|classDef\s.+|class\s.+|style\s.+|linkStyle\s.+|click\s.+)$/.test(text)) return undefined;
  const stack: string[] = [];
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if (BRACKETS[ch]) stack.push(BRACKETS[ch]!);
    else if (ch === ']' || ch === ')' || ch === '}') {
      if (stack.pop() !== ch) return `unbalanced \`${ch}\``;
    }
  }
  if (quoted) return 'a quote is never closed';
  if (stack.length > 0) return `\`${stack[stack.length - 1]}\` is missing`;
  let graph;
  try { graph = mermaidLib().parseMermaid(`${header}\n${text}`); } catch { return 'cannot read this line'; }
  const arrow = /--|==|-\.|~~~/.test(text.replace(/\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|\|[^|]*\||"[^"]*"/g, ''));
  if (arrow && /[->=]$/.test(text)) return 'the link has no node at its end';
  if (arrow && graph.edges.length === 0) return 'this link does not connect two nodes';
  if (!arrow && graph.nodes.size === 0) return 'cannot read this line';
  return undefined;
}

const ARROW = '(?:-{1,2}>>|-{1,2}>|-{1,2}x|-{1,2}\\))';
const MESSAGE = new RegExp(`^[^\\s:>-][^:>]*${ARROW}[+-]?\\s*[^\\s:>-][^:]*:.*$`);
const STATEMENTS = /^(participant|actor)\s+\S.*$|^(Note|note)\s+(left of|right of|over)\s+[^:]+:.*$|^(loop|alt|else|opt|par|and|critical|option|break|rect|box)(\s.*)?$|^end$|^(activate|deactivate|create participant|create actor|destroy)\s+\S+$|^autonumber(\s.*)?$|^title\s.+$/;

/** A sequence line is a participant, a message `A->>B: text`, a note, a block keyword or `end`. */
function sequenceLine(text: string): string | undefined {
  if (STATEMENTS.test(text) || MESSAGE.test(text)) return undefined;
  if (new RegExp(ARROW).test(text)) return 'a message needs a sender, a receiver and text: `A->>B: text`';
  return 'cannot read this line';
}
