import type { CheckIssue, Overlap, StateMeasure } from './types.ts';

type Where = Pick<CheckIssue, 'file' | 'line' | 'slide'>;

const MESSAGES: Record<Overlap['kind'], (o: Overlap) => [string, string]> = {
  text: (o) => [
    `${o.what} is drawn over ${o.other}`,
    'two texts share the same place: give one of them its own room (a column, a line of its own), or a background',
  ],
  'broken-box': (o) => [
    `${o.what} is one box with a background broken over ${o.other}; its pieces paint over each other`,
    'make the element a block (display: block) or remove its padding and background; a code block needs `pre > code` to be a block',
  ],
  chrome: (o) => [
    `the deck's ${o.what.includes('logo') ? 'logo' : 'footer'} overlaps ${o.other}`,
    'leave room at the slide edge for the footer and logo, or remove them from this slide with <!-- .slide: class="no-chrome" -->',
  ],
};

/** Text drawn over text, inline boxes broken across lines, the footer or logo over content: one issue per kind and element. */
export function overlapIssues(states: readonly StateMeasure[], at: Where): CheckIssue[] {
  const seen = new Map<string, CheckIssue>();
  for (const s of states) {
    for (const o of s.overlaps ?? []) {
      const key = `${o.kind} ${o.what}`;
      if (seen.has(key)) continue;
      const [message, hint] = MESSAGES[o.kind](o);
      const when = s.step > 0 ? ` at fragment step ${s.step} of ${states.length - 1}` : '';
      seen.set(key, { ...at, severity: 'error', rule: 'overlap', code: `overlap-${o.kind}`, message: message + when, hint, step: s.step });
    }
  }
  return [...seen.values()];
}
