import { DeckError } from './errors.ts';

/** A fenced code block: 0-based line indexes of its opening and closing fence lines. */
export interface Fence {
  open: number;
  close: number;
  info: string;
}

const OPENER = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Finds fenced code blocks in LF text, so separators and notes markers inside them are ignored. */
export function findFences(lines: readonly string[], file: string, firstLine = 1): Fence[] {
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = OPENER.exec(lines[i]!);
    if (!m || (m[1]![0] === '`' && m[2]!.includes('`'))) continue;
    const marker = m[1]!;
    const closer = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let j = i + 1;
    while (j < lines.length && !closer.test(lines[j]!)) j++;
    if (j >= lines.length) {
      throw new DeckError({
        file,
        line: firstLine + i,
        code: 'unclosed-fence',
        message: `code block opened with ${marker} is never closed`,
        hint: `add a line with ${marker} where the code ends`,
      });
    }
    fences.push({ open: i, close: j, info: m[2]!.trim() });
    i = j;
  }
  return fences;
}

/** Marks each line that belongs to a fence (delimiters included). */
export function fenceMask(lineCount: number, fences: readonly Fence[]): boolean[] {
  const mask = new Array<boolean>(lineCount).fill(false);
  for (const f of fences) for (let i = f.open; i <= f.close; i++) mask[i] = true;
  return mask;
}
