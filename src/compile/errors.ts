/** A problem in the author's input, located at a file and line. */
export interface DeckIssue {
  file: string;
  /** 1-based line in `file`; 0 when the problem concerns the whole file. */
  line: number;
  message: string;
  /** What to write instead. */
  hint?: string;
  severity: 'error' | 'warning';
  /** A short stable identifier, e.g. `unknown-source`, so tools branch on it and never on message text. */
  code?: string;
}

/** Thrown by compile stages; carries a located issue instead of a stack trace. */
export class DeckError extends Error {
  readonly issue: DeckIssue;
  constructor(issue: Omit<DeckIssue, 'severity'>) {
    super(issue.message);
    this.name = 'DeckError';
    this.issue = { ...issue, severity: 'error' };
  }
}

/** Formats an issue as `file:line: message` plus an indented hint. */
export function formatIssue(issue: DeckIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  const label = issue.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${label}${issue.message}${issue.hint ? `\n  hint: ${issue.hint}` : ''}`;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest of `known` to `word`, if it is close enough to be a likely typo. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
