import { findFences, fenceMask } from './fences.ts';

/** One slide's Markdown before rendering, located in its file. */
export interface RawSlide {
  file: string;
  /** 1-based line of the slide's first body line in `file`. */
  line: number;
  body: string;
}

export interface Separators {
  separator?: string;
  verticalSeparator?: string;
}

const DEFAULT_H = '^---[ \\t]*$';
const DEFAULT_V = '^----[ \\t]*$';
const HIDDEN = '\u0001';

/**
 * Splits one file (LF line endings) into stacks of slides: `---` starts a horizontal slide, `----` a
 * vertical one, as reveal.js does, but never inside a fenced block or the front matter.
 */
export function splitSlides(text: string, file: string, skipLines: number, seps: Separators = {}): RawSlide[][] {
  const lines = text.split('\n');
  const mask = fenceMask(
    lines.length,
    findFences(lines.slice(skipLines), file, skipLines + 1).map((f) => ({
      ...f,
      open: f.open + skipLines,
      close: f.close + skipLines,
    })),
  );
  for (let i = 0; i < skipLines; i++) mask[i] = true;
  // Hidden lines keep their length, so match offsets map straight back to the text. Their newline stays
  // (the next line may start a separator) unless the line is empty: that one is always followed by
  // another hidden line, and hiding it stops multi-line separators from matching blank lines in code.
  const masked = lines
    .map((l, i) => (mask[i] ? (l.length > 0 ? `${HIDDEN.repeat(l.length)}\n` : HIDDEN) : `${l}\n`))
    .join('')
    .slice(0, text.length);
  const h = seps.separator ?? DEFAULT_H;
  const v = seps.verticalSeparator ?? (seps.separator ? undefined : DEFAULT_V);
  const re = new RegExp(`(?<h>${h})${v ? `|(?<v>${v})` : ''}`, 'gm');

  const pieces: { start: number; end: number; vertical: boolean }[] = [];
  let start = skipLines > 0 ? offsetOfLine(lines, skipLines) : 0;
  let vertical = false;
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (m.index < start) continue;
    pieces.push({ start, end: m.index, vertical });
    vertical = m.groups?.v !== undefined;
    start = m.index + m[0].length;
  }
  pieces.push({ start, end: text.length, vertical });

  const stacks: RawSlide[][] = [];
  // Lines are counted on from the previous piece: counting from the top for each slide was quadratic.
  let counted = 0;
  let newlines = 0;
  pieces.forEach((p, i) => {
    let body = text.slice(p.start, p.end);
    newlines += countNewlines(text, counted, p.start);
    counted = p.start;
    let line = 1 + newlines;
    // The separator's own line break belongs to the separator, not to the slide.
    if (body.startsWith('\n')) {
      body = body.slice(1);
      line++;
    }
    const blank = body.trim() === '';
    if (blank && (i === 0 || i === pieces.length - 1)) return;
    const slide = { file, line, body };
    const last = stacks[stacks.length - 1];
    if (p.vertical && last) last.push(slide);
    else stacks.push([slide]);
  });
  return stacks;
}

function offsetOfLine(lines: readonly string[], index: number): number {
  let offset = 0;
  for (let i = 0; i < index; i++) offset += lines[i]!.length + 1;
  return offset;
}

function countNewlines(text: string, from: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
