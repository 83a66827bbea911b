import { formatIssue } from '../compile/errors.ts';
import type { CheckIssue, CheckResult } from './types.ts';

/** Counts for the summary line and the JSON report. */
export interface CheckSummary {
  errors: number;
  warnings: number;
  slides: number;
  checked: number;
  seconds: number;
}

/** Counts errors, warnings and the slides that have any. */
export function summarise(result: CheckResult): CheckSummary {
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  const slides = new Set(result.issues.flatMap((i) => (i.slide ? [i.slide.number] : []))).size;
  return { errors, warnings: result.issues.length - errors, slides, checked: result.slides, seconds: +result.seconds.toFixed(2) };
}

/** One finding as `file:line: [warning: ]rule: message [slide N "title"]`, with its hint indented below. */
export function formatCheckIssue(issue: CheckIssue): string {
  // The compiler's own messages read as they do in `build`; the checker's say which rule found them.
  const rule = issue.rule === 'compile' || issue.rule === 'source' ? '' : `${issue.rule}: `;
  const slide = issue.slide ? ` [slide ${issue.slide.number}${issue.slide.title ? ` "${issue.slide.title}"` : ''}]` : '';
  return formatIssue(issue, rule, slide);
}

/** The human-readable report: findings grouped by slide (a blank line between slides), then the summary line. */
export function formatReport(result: CheckResult): string {
  const lines: string[] = [];
  let group: number | undefined;
  for (const issue of result.issues) {
    const g = issue.slide?.number ?? 0;
    if (group !== undefined && g !== group) lines.push('');
    group = g;
    lines.push(formatCheckIssue(issue));
  }
  const s = summarise(result);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const checked = s.checked > 0 ? `${plural(s.checked, 'slide')} checked in ${s.seconds.toFixed(1)} s` : 'no slide checked: the deck does not compile';
  // "in 0 slides" read as if nothing had been checked: name the slides only when some have findings.
  const where = s.slides > 0 ? ` in ${plural(s.slides, 'slide')}` : '';
  if (lines.length > 0) lines.push('');
  lines.push(`${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${where} (${checked})`);
  return lines.join('\n');
}

/** The report for tools: `{issues, summary}`, issues in deck order. */
export function formatJson(result: CheckResult): string {
  return JSON.stringify({ issues: result.issues, summary: summarise(result) }, null, 2);
}
