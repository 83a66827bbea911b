import { DeckError } from './errors.ts';
import { fenceMask, findFences } from './fences.ts';

/** Deepest nesting of block quotes and lists, or of brackets in a line, that a slide may use. */
export const MAX_DEPTH = 100;

/** Block-quote and list markers at the start of a line, one container each (`> > - 1. text`). */
const MARKER = / {0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*/y;

/**
 * Refuses Markdown nested deeper than MAX_DEPTH before marked parses it: marked recurses once per level, so
 * 2,000 nested `>` overflow its stack ("Please report this to marked"). Containers are counted per line, as
 * each level repeats its marker (`>`) or indents under its list item (two columns at least); brackets are
 * counted across the line, as links and images nest inside them.
 */
export function checkNesting(markdown: string, file: string, firstLine: number): void {
  const lines = markdown.split('\n');
  const mask = fenceMask(lines.length, findFences(lines, file, firstLine));
  for (let i = 0; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = lines[i]!;
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    let depth = Math.floor(indent / 2);
    MARKER.lastIndex = indent > 3 ? /^[ \t]*/.exec(line)![0].length : 0;
    for (let at = MARKER.lastIndex; MARKER.exec(line) && MARKER.lastIndex > at; at = MARKER.lastIndex) depth++;
    if (depth > MAX_DEPTH) fail(file, firstLine + i, 'block quotes or lists');
    let brackets = 0;
    for (let c = 0; c < line.length; c++) {
      const ch = line.charCodeAt(c);
      if (ch === 92)
        c++; // a backslash escapes the next character
      else if (ch === 91 && ++brackets > MAX_DEPTH) fail(file, firstLine + i, 'brackets');
      else if (ch === 93 && brackets > 0) brackets--;
    }
  }
}

function fail(file: string, line: number, what: string): never {
  throw new DeckError({
    file,
    line,
    code: 'too-deep',
    message: `${what} are nested more than ${MAX_DEPTH} deep`,
    hint: 'flatten the structure: split it over several lists or slides',
  });
}
