import { formatIssue, type DeckIssue } from '../compile/errors.ts';

/**
 * Shows the deck's errors in a panel over the bottom of the page. Unlike Vite's overlay it does not
 * block the deck: the last good slides stay navigable underneath.
 */
export function showIssues(issues: DeckIssue[]): void {
  const errors = issues.filter((i) => i.severity === 'error');
  let panel = document.getElementById('deck-errors');
  if (errors.length === 0) {
    panel?.remove();
    return;
  }
  if (!panel) {
    panel = document.createElement('div');
    panel.id = 'deck-errors';
    panel.setAttribute('role', 'alert');
    document.body.append(panel);
  }
  panel.replaceChildren();
  const heading = document.createElement('strong');
  heading.textContent = `${errors.length} error${errors.length > 1 ? 's' : ''}: showing the last good deck`;
  panel.append(heading);
  for (const e of errors) {
    const line = document.createElement('pre');
    line.textContent = formatIssue(e);
    panel.append(line);
  }
}
