import type { DeckIssue } from '../compile/errors.ts';

/** Problems outside the deck's own files (a broken edit of the built-in theme), shown with the deck's issues. */
export class DevStatus {
  runtimeIssues: DeckIssue[] = [];
  private listeners: (() => void)[] = [];

  setRuntimeIssues(issues: DeckIssue[]): void {
    if (JSON.stringify(issues) === JSON.stringify(this.runtimeIssues)) return;
    this.runtimeIssues = issues;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}
