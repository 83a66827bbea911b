import { flowchartEdgeLine } from './diagram-flowchart.ts';

/**
 * beautiful-mermaid skips lines it cannot read and draws the rest, so a typo would silently drop a box or an
 * arrow. This reads every line first with the renderer's own grammar (one table entry per diagram kind):
 * a line it would skip, a block never closed, or an `end` with nothing to close is an error at its line.
 * Lines are the diagram's, header first; the result is the text to render (flowchart lines rewritten,
 * see diagram-flowchart.ts) or the 0-based index of the bad line and why.
 */
export type DiagramCheck = { lines: string[] } | { index: number; why: string; hint?: string };

/** What a line did: nothing wrong (optionally rewritten), opened or closed a block, or why it is wrong. */
type Verdict = { ok: true; text?: string } | { open: string } | { close: true } | { why: string; hint?: string };
interface Grammar {
  header: RegExp;
  headerHint: string;
  /** `open` names the innermost open block, if any. */
  line(text: string, open: string | undefined, header: string): Verdict;
  /** What closes a block, for the error about one never closed. */
  closer: string;
}

const OK: Verdict = { ok: true };
const bad = (why: string, hint?: string): Verdict => ({ why, ...(hint ? { hint } : {}) });
const UNSUPPORTED = (what: string, hint?: string) => bad(`${what} is not supported by the diagram renderer`, hint);
const DIRECTIONS = '(TB|TD|BT|LR|RL)';

const FLOWCHART: Grammar = {
  header: new RegExp(`^(graph|flowchart)(\\s+${DIRECTIONS})?\\s*;?$`, 'i'),
  headerHint: 'write `flowchart LR` (directions: TB, TD, BT, LR, RL)',
  closer: 'end',
  line(line, open, header) {
    // Mermaid ends any statement with an optional `;`; the renderer reads none.
    const text = line.replace(/;\s*$/, '');
    if (/^click\s+[\w-]+\s+\S/.test(text)) return { ok: true, text: '' };
    if (/^(classDef\s+\w+\s+\S.*|class\s+[\w,-]+\s+\w+|style\s+[\w,-]+\s+\S.*|linkStyle\s+(default|[\d,\s]+)\s+\S.*)$/.test(text)) return { ok: true, text };
    if (/^subgraph\s+\S/.test(text)) return { open: 'subgraph' };
    if (/^subgraph\s*$/.test(text)) return bad('a subgraph needs a name', 'write `subgraph Name` or `subgraph id [Name]`');
    if (text === 'end') return open ? { close: true } : bad('`end` closes nothing', 'each `end` closes one `subgraph` above it');
    if (new RegExp(`^direction\\s+${DIRECTIONS}$`, 'i').test(text)) {
      return open ? OK : bad('`direction` outside a subgraph', 'set the direction on the first line: `flowchart LR`');
    }
    const read = flowchartEdgeLine(header.replace(/^(graph|flowchart)\s*;?$/i, '$1 TD'), text);
    return 'why' in read ? bad(read.why, read.hint) : { ok: true, text: read.text };
  },
};

const BLOCKS = /^(loop|alt|opt|par|critical|break|rect)(\s|$)/;
const MESSAGES = [
  /^(\S+?)\s*(--?>?>|--?[)x]|--?>>|--?>)\s*([+-]?)(\S+?)\s*:\s*(.+)$/,
  /^(\S+?)\s*(->>|-->>|-\)|--\)|-x|--x|->|-->)\s*([+-]?)(\S+?)\s*:\s*(.+)$/,
];
const SEQUENCE: Grammar = {
  header: /^sequenceDiagram\s*$/,
  headerHint: 'write `sequenceDiagram`',
  closer: 'end',
  line(text, open) {
    if (/^(participant|actor)\s+(\S+?)(?:\s+as\s+(.+))?$/.test(text)) return OK;
    if (/^Note\s+(left of|right of|over)\s+([^:]+):\s*(.+)$/i.test(text)) return OK;
    if (BLOCKS.test(text)) return { open: BLOCKS.exec(text)![1]! };
    // The renderer reads a line that starts with a block word as that block (`alternative->>B` is `alt`).
    if (/^(loop|alt|opt|par|critical|break|rect)/.test(text))
      return bad(`a name cannot start with \`${/^\w+?(?=\w)/.exec(text)?.[0] ?? text}\` here: the line reads as a block`, 'rename the participant');
    if (/^(else|and)(\s|$)/.test(text))
      return open ? OK : bad(`\`${text.split(/\s/)[0]}\` outside a block`, 'it divides an `alt` (else) or a `par` (and) block');
    if (open && /^(else|and)/.test(text)) return bad('a name cannot start with `else` or `and` inside a block', 'rename the participant');
    if (text === 'end')
      return open ? { close: true } : bad('`end` closes nothing', 'each `end` closes one `loop`, `alt`, `opt`, `par`, `critical`, `break` or `rect` above it');
    // The renderer would read `A->>: text` as a message to an actor called `>`: both ends must be names.
    const message = MESSAGES.map((re) => re.exec(text)).find(Boolean);
    if (message && !/[-<]$/.test(message[1]!) && !/^[->)x]*$|^[->)]/.test(message[4]!)) return OK;
    if (/^(activate|deactivate)\s/.test(text))
      return UNSUPPORTED(`\`${text.split(/\s/)[0]}\``, 'activate with the message: `A->>+B: text`, deactivate with `B-->>-A: text`');
    if (/^(autonumber|title|box|option|create|destroy|links?|properties|details)\b/.test(text)) return UNSUPPORTED(`\`${text.split(/\s/)[0]}\``);
    if (/-{1,2}(>>?|x|\))/.test(text)) return bad('a message needs a sender, a receiver and text', 'write `A->>B: text`');
    return bad('cannot read this line', 'write `participant A`, `A->>B: text`, `Note over A: text`, or a `loop` … `end` block');
  },
};

const STATE_ID = '(\\[\\*\\]|[\\w\\p{L}-]+)';
const STATE: Grammar = {
  header: /^stateDiagram(-v2)?\s*$/,
  headerHint: 'write `stateDiagram-v2`',
  closer: '}',
  line(text, open) {
    if (new RegExp(`^direction\\s+${DIRECTIONS}\\s*$`, 'i').test(text) || /^linkStyle\s+(default|[\d,\s]+)\s+\S.*$/.test(text)) return OK;
    if (/^state\s+(?:"([^"]+)"\s+as\s+)?([\w\p{L}]+)\s*\{$/u.test(text)) return { open: 'state' };
    if (text === '}') return open ? { close: true } : bad('`}` closes nothing', 'each `}` closes one `state Name {` above it');
    if (/^state\s+"([^"]+)"\s+as\s+([\w\p{L}]+)\s*$/u.test(text)) return OK;
    if (new RegExp(`^${STATE_ID}\\s*(-->)\\s*${STATE_ID}(?:\\s*:\\s*(.+))?$`, 'u').test(text)) return OK;
    if (/^([\w\p{L}-]+)\s*:\s*(.+)$/u.test(text)) return OK;
    if (/^[\w\p{L}-]+$/u.test(text)) return bad('a state alone on a line is not drawn', `write \`${text} : what it means\`, or link it: \`[*] --> ${text}\``);
    if (/^(note|classDef|class|style|--)\b/.test(text) || /<<\w+>>/.test(text)) return UNSUPPORTED(`\`${text.split(/\s/)[0]}\``);
    return bad('cannot read this line', 'write `A --> B`, `A --> B : label`, `A : description` or `state Name {` … `}`');
  },
};

const CLASS_ARROWS = /<\|--|--|\*--|o--|-->|\.\.>|\.\.\|>/;
const RELATION =
  /^(\S+?)\s+(?:"([^"]*?)"\s+)?(<\|--|<\|\.\.|\*--|o--|-->|--\*|--o|--\|>|\.\.>|\.\.\|>|<--|<\.\.?|--)\s+(?:"([^"]*?)"\s+)?(\S+?)(?:\s*:\s*(.+))?$/;
const CLASS: Grammar = {
  header: /^classDiagram\s*$/,
  headerHint: 'write `classDiagram`',
  closer: '}',
  line(text, open) {
    // Inside a class body every line is a member, as the renderer reads it.
    if (open === 'class') return text === '}' ? { close: true } : OK;
    if (/^namespace\s+(\S+)\s*\{$/.test(text)) return open ? bad('a namespace inside a namespace is not supported') : { open: 'namespace' };
    if (/^class\s+(\S+?)(?:\s*~(\w+)~)?\s*\{$/.test(text)) return { open: 'class' };
    if (text === '}') return open ? { close: true } : bad('`}` closes nothing', 'each `}` closes one `class Name {` or `namespace Name {` above it');
    if (/^class\s+(\S+?)(?:\s*~(\w+)~)?\s*$/.test(text) || /^class\s+(\S+?)\s*\{\s*<<(\w+)>>\s*\}$/.test(text)) return OK;
    const attr = /^(\S+?)\s*:\s*(.+)$/.exec(text);
    if (attr && !CLASS_ARROWS.test(attr[2]!)) return OK;
    if (RELATION.test(text)) return OK;
    if (/^(note|classDef|style|cssClass|direction|click|link|callback)\b/.test(text)) return UNSUPPORTED(`\`${text.split(/\s/)[0]}\``);
    return bad('cannot read this line', 'write `class Name`, `Name : +type member`, or `A <|-- B` (spaces around the arrow)');
  },
};

const CARDINALITY = new Set(['||', '|o', 'o|', '}|', '|{', 'o{', '{o', '}o']);
const ER: Grammar = {
  header: /^erDiagram\s*$/,
  headerHint: 'write `erDiagram`',
  closer: '}',
  line(text, open) {
    if (open) {
      if (text === '}') return { close: true };
      return /^(\S+)\s+(\S+)(?:\s+(.+))?$/.test(text) ? OK : bad('an attribute is `type name`', 'e.g. `string name PK "comment"`');
    }
    if (/^(\S+)\s*\{$/.test(text)) return { open: 'entity' };
    const rel = /^(\S+)\s+([|o}{]+)(--|\.\.)([|o}{]+)\s+(\S+)\s*:\s*(.+)$/.exec(text);
    if (rel) return CARDINALITY.has(rel[2]!) && CARDINALITY.has(rel[4]!) ? OK : bad('unknown cardinality', 'each side is one of ||, |o, }|, o{ (or mirrored)');
    if (text === '}') return bad('`}` closes nothing');
    return bad('cannot read this line', 'write `A ||--o{ B : label` or `ENTITY {` … `}`');
  },
};

const NUMBERS = String.raw`\[\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?)*\s*\]`;
const XYCHART: Grammar = {
  header: /^xychart(-beta)?(\s+horizontal)?\s*$/,
  headerHint: 'write `xychart-beta` (or `xychart-beta horizontal`)',
  closer: '',
  line(text) {
    const rules = [
      /^title\s+"([^"]+)"$/,
      /^x-axis\s+(?:"([^"]*)"\s*)?\[([^\]]+)\]$/,
      /^x-axis\s+(?:"([^"]*)"\s+)?(-?\d+(?:\.\d+)?)\s*-->\s*(-?\d+(?:\.\d+)?)$/,
      /^y-axis\s+(?:"([^"]*)"\s+)?(-?\d+(?:\.\d+)?)\s*-->\s*(-?\d+(?:\.\d+)?)$/,
      /^y-axis\s+"([^"]+)"$/,
      new RegExp(`^(bar|line)\\s+${NUMBERS}$`),
    ];
    if (rules.some((re) => re.test(text))) return OK;
    if (/^title\s/.test(text)) return bad('the title must be in double quotes', 'write `title "Revenue"`');
    if (/^(bar|line)\s/.test(text)) return bad('a series is a list of numbers', 'write `bar [5, 6.5, 8]`');
    return bad('cannot read this line', 'write `title "…"`, `x-axis [a, b]`, `y-axis "…" 0 --> 10`, `bar [1, 2]` or `line [1, 2]`');
  },
};

/** Grammars by the header's first word; `timeline` is drawn and checked by diagram-timeline.ts. */
const GRAMMARS: [RegExp, Grammar][] = [
  [/^(graph|flowchart)\b/i, FLOWCHART],
  [/^sequenceDiagram/, SEQUENCE],
  [/^stateDiagram/, STATE],
  [/^classDiagram/, CLASS],
  [/^erDiagram/, ER],
  [/^xychart/, XYCHART],
];

export function checkDiagram(lines: readonly string[]): DiagramCheck {
  const header = lines[0]!.trim();
  const grammar = GRAMMARS.find(([re]) => re.test(header))?.[1];
  if (!grammar) return { lines: [...lines] };
  if (!grammar.header.test(header)) return { index: 0, why: 'cannot read the first line', hint: grammar.headerHint };
  const out = [...lines];
  const open: { what: string; index: number }[] = [];
  for (let index = 1; index < lines.length; index++) {
    const text = lines[index]!.trim();
    if (text === '' || text.startsWith('%%')) continue;
    const verdict = grammar.line(text, open[open.length - 1]?.what, header);
    if ('why' in verdict) return { index, why: verdict.why, ...(verdict.hint ? { hint: verdict.hint } : {}) };
    if ('open' in verdict) open.push({ what: verdict.open, index });
    else if ('close' in verdict) open.pop();
    else if (verdict.text !== undefined) out[index] = verdict.text;
  }
  const unclosed = open[open.length - 1];
  if (unclosed) return { index: unclosed.index, why: `this \`${unclosed.what}\` is never closed`, hint: `close it with a line \`${grammar.closer}\`` };
  if (grammar === FLOWCHART) out[0] = header.replace(/^(graph|flowchart)\s*;?$/i, '$1 TD');
  return { lines: out };
}
