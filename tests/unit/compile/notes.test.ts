import { describe, expect, it } from 'vitest';
import { splitNotes } from '../../../src/compile/notes.ts';

describe('splitNotes', () => {
  it('puts the text after Note: into the notes', () => {
    expect(splitNotes('# T\nBody\nNote: say this\nand this', 'f.md', 10)).toEqual({
      content: '# T\nBody',
      notes: 'say this\nand this',
      notesLine: 12,
      textLine: 12,
    });
  });

  it.each(['Note:', 'Notes:', 'NOTE:', 'notes:', '  Notes:'])('accepts %s in any case', (marker) => {
    expect(splitNotes(`x\n${marker} hi`, 'f.md', 1).notes).toBe('hi');
  });

  it('ignores a Note: line inside a code fence', () => {
    expect(splitNotes('```\nNote: code\n```', 'f.md', 1).notes).toBe('');
  });

  it('does not take "Notebook:" or a mid-line Note: as notes', () => {
    expect(splitNotes('Notebook: x\nSee Note: y', 'f.md', 1).notes).toBe('');
  });

  it('honours a custom notes separator', () => {
    expect(splitNotes('x\n???\nhidden', 'f.md', 1, '^\\?\\?\\?$').notes).toBe('hidden');
  });
});
