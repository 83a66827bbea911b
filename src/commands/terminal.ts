import { formatIssue, type DeckIssue } from '../compile/errors.ts';

/** Where a command writes: `console`, or a recorder in tests. */
export type Out = { log: (s: string) => void; error: (s: string) => void };

/** Prints each issue as `file:line: message`: errors on stderr, warnings on stdout. */
export function printIssues(issues: readonly DeckIssue[], out: Out): void {
  for (const issue of issues) (issue.severity === 'error' ? out.error : out.log)(formatIssue(issue));
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const secs = (s: number) => `${s.toFixed(2)} s`;
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
