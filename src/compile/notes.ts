import { findFences, fenceMask } from './fences.ts';

/** A slide body split into what is shown and what the speaker reads. */
export interface SplitNotes {
  content: string;
  notes: string;
  /** 1-based file line where the notes start, or 0 without notes. */
  notesLine: number;
  /** 1-based file line of the first line of `notes` (below the marker when nothing follows it there). */
  textLine: number;
}

const DEFAULT_NOTES = '^\\s*notes?:';

/** Everything from the first line starting `Note:`/`Notes:` (any case, outside code fences) is notes. */
export function splitNotes(body: string, file: string, line: number, notesSeparator?: string): SplitNotes {
  const lines = body.split('\n');
  const mask = fenceMask(lines.length, findFences(lines, file, line));
  const marker = new RegExp(notesSeparator ?? DEFAULT_NOTES, 'i');
  for (let i = 0; i < lines.length; i++) {
    if (mask[i]) continue;
    const m = marker.exec(lines[i]!);
    if (!m || (m.index !== 0 && !/^\s*$/.test(lines[i]!.slice(0, m.index)))) continue;
    const rest = [lines[i]!.slice(m.index + m[0].length).trimStart(), ...lines.slice(i + 1)].join('\n');
    const lead = rest.slice(0, rest.length - rest.trimStart().length);
    return { content: lines.slice(0, i).join('\n'), notes: rest.trim(), notesLine: line + i, textLine: line + i + lead.split('\n').length - 1 };
  }
  return { content: body, notes: '', notesLine: 0, textLine: 0 };
}
