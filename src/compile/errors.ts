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
  code: string;
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

/**
 * Several located errors found in one pass over a slide (a missing image and an unknown source on the same
 * slide): the deck reports them all at once instead of one per build.
 */
export class DeckErrors extends DeckError {
  readonly issues: DeckIssue[];
  constructor(issues: readonly DeckIssue[]) {
    super(issues[0]!);
    this.issues = [...issues];
  }
}

/** The issues an error carries: all of a DeckErrors, the one of a DeckError. */
export const issuesOf = (e: DeckError): DeckIssue[] => (e instanceof DeckErrors ? e.issues : [e.issue]);

/** An issue's printable parts: the place, the severity label, the message and the hint, each one clean line. */
export function issueParts(issue: DeckIssue): { where: string; label: string; message: string; hint: string } {
  return {
    where: plain(issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file),
    label: issue.severity === 'warning' ? 'warning: ' : '',
    message: plain(issue.message),
    hint: issue.hint ? plain(issue.hint) : '',
  };
}

/**
 * Formats an issue as `file:line: message` plus an indented hint: the one formatter that build, check, dev and
 * the CLI print with. `detail` goes between the label and the message (check's rule name).
 */
export function formatIssue(issue: DeckIssue, detail = '', suffix = ''): string {
  const p = issueParts(issue);
  return `${p.where}: ${p.label}${plain(detail)}${p.message}${plain(suffix)}${p.hint ? `\n  hint: ${p.hint}` : ''}`;
}

/**
 * Text safe to print on one terminal line: messages quote data (a CSV cell, a YAML value, a file name), which
 * may hold ANSI escape sequences or other control characters that would restyle or rewrite the terminal.
 */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/[\t\n\r]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '');
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
