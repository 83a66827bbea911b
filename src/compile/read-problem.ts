import { DeckError, type DeckIssue } from './errors.ts';

/**
 * Thrown by a CompileHost when a file exists but may not or cannot be read: outside the deck folder,
 * a folder or FIFO where a file belongs, permission denied. It is a DeckError located at the file
 * itself, so an unwrapped read still becomes an issue; `readAt` moves it to the line that names the file.
 */
export class ReadProblem extends DeckError {
  constructor(issue: Omit<DeckIssue, 'severity'> & { code: string }) {
    super(issue);
    this.name = 'ReadProblem';
  }
}

/** Runs a host read for a reference at `file:line`, so a refused read is reported where the path was written. */
export function readAt<T>(file: string, line: number, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ReadProblem)) throw e;
    const { severity: _, ...issue } = e.issue;
    throw new DeckError({ ...issue, file, line });
  }
}
