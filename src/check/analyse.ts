import { AA_LARGE, AA_NORMAL, contrastRatio, flatten, hex, isLarge } from './contrast.ts';
import { overlapIssues } from './overlap.ts';
import type { Box, CheckIssue, StateMeasure, TextSample } from './types.ts';

/** The slide size and the smallest readable text for it. */
export interface Limits {
  width: number;
  height: number;
  /** How much the slide is scaled to fill a 1920×1080 screen. */
  fit: number;
  /** Smallest readable text in slide pixels: 18 px on a 1920×1080 screen. */
  minText: number;
}

/** Limits for a deck of `width` × `height`; a 1280×720 deck needs 12 px where a 1920×1080 one needs 18. */
export function limitsFor(width: number, height: number): Limits {
  const fit = Math.min(1920 / width, 1080 / height);
  return { width, height, fit, minText: 18 / fit };
}

type Where = Pick<CheckIssue, 'file' | 'line' | 'slide'>;
const px = (n: number) => `${Math.round(n)} px`;
const more = (n: number, what: string) => (n > 0 ? ` (and ${n} more ${what}${n > 1 ? 's' : ''})` : '');

/** Overflow, scrolling boxes, small text and low contrast, from one slide's measured fragment steps. */
export function layoutIssues(states: readonly StateMeasure[], at: Where, limits: Limits): CheckIssue[] {
  return [
    ...overflow(states, at, limits, 'y'),
    ...overflow(states, at, limits, 'x'),
    ...scrolling(states, at),
    ...textIssues(states, at, limits),
    ...overlapIssues(states, at),
  ];
}

function overflow(states: readonly StateMeasure[], at: Where, limits: Limits, axis: 'x' | 'y'): CheckIssue[] {
  const [lo, hi, size, long, beyond] =
    axis === 'y'
      ? (['top', 'bottom', limits.height, 'tall', ['above the top', 'below the bottom']] as const)
      : (['left', 'right', limits.width, 'wide', ['left of the left', 'right of the right']] as const);
  const past = (e: Box | null): [number, number] => (e ? [Math.max(0, -e[lo]), Math.max(0, e[hi] - size)] : [0, 0]);
  const total = (s: StateMeasure) => past(s.extent)[0] + past(s.extent)[1];
  const over = states.filter((s) => total(s) >= 1);
  if (over.length === 0) return [];
  const worst = over.reduce((a, b) => (total(b) > total(a) ? b : a));
  const [before, after] = past(worst.extent);
  const length = worst.extent![hi] - worst.extent![lo];
  const message =
    length > size
      ? `content is ${px(length)} ${long}, the slide is ${px(size)} (by ${px(before + after)})`
      : `content reaches ${px(before + after)} ${before > after ? beyond[0] : beyond[1]} edge`;
  const first = over[0]!.step;
  const when = first > 0 ? ` at fragment step ${first} of ${states.length - 1}` : '';
  const named = (
    [
      [before, lo, beyond[0]],
      [after, hi, beyond[1]],
    ] as const
  ).flatMap(([by, edge, where]) => (by >= 1 && worst.culprits[edge] ? [`${where}: ${worst.culprits[edge]!.what}`] : []));
  // One element past both edges (a box too wide) is named once.
  const both = named.length === 2 && worst.culprits[lo]!.what === worst.culprits[hi]!.what;
  const where = both ? `furthest out on both sides: ${worst.culprits[lo]!.what}; ` : named.length > 0 ? `furthest out ${named.join(', ')}; ` : '';
  const hint = `${where}cut or split the slide, or make the element smaller`;
  return [{ ...at, severity: 'error', rule: 'overflow', code: 'overflow', message: message + when, hint, step: first }];
}

function scrolling(states: readonly StateMeasure[], at: Where): CheckIssue[] {
  const seen = new Map<string, StateMeasure['scrollers'][number] & { step: number }>();
  for (const s of states) {
    for (const box of s.scrollers) {
      const key = `${box.what} ${box.axis}`;
      const prev = seen.get(key);
      if (!prev || box.content - box.box > prev.content - prev.box) seen.set(key, { ...box, step: prev?.step ?? s.step });
    }
  }
  return [...seen.values()].map((b) => ({
    ...at,
    severity: 'error',
    rule: 'overflow',
    code: 'overflow',
    step: b.step,
    message: `${b.what} scrolls: its content is ${px(b.content)} ${b.axis === 'y' ? 'tall' : 'wide'}, the box shows ${px(b.box)} (by ${px(b.content - b.box)})`,
    hint: b.axis === 'y' ? 'a scrolled box hides lines from the audience: show fewer lines or split the block' : 'shorten the long lines, or let them wrap',
  }));
}

function textIssues(states: readonly StateMeasure[], at: Where, limits: Limits): CheckIssue[] {
  const texts = new Map<number, TextSample>();
  for (const s of states) for (const t of s.texts) if (!texts.has(t.key)) texts.set(t.key, t);
  const issues: CheckIssue[] = [];
  const small = [...texts.values()].filter((t) => t.size < limits.minText - 0.05).sort((a, b) => a.size - b.size);
  if (small[0]) {
    const scaled = limits.fit === 1 ? '' : ` for a ${limits.width}×${limits.height} slide (18 px at 1920×1080)`;
    issues.push({
      ...at,
      severity: 'error',
      rule: 'small-text',
      code: 'small-text',
      message: `"${small[0].text}" is ${small[0].size.toFixed(1).replace(/\.0$/, '')} px, below the ${+limits.minText.toFixed(1)} px minimum${scaled}${more(small.length - 1, 'text')}`,
      hint: 'text this small is unreadable from the back of the room: enlarge it or move it to the notes',
    });
  }
  // Text a fragment or a code step dims on purpose is meant to recede; WCAG exempts such inactive text.
  const low: [TextSample, number, number][] = [];
  for (const t of texts.values()) {
    if (!t.solid || t.dimmed || t.fg[3] * t.opacity === 0) continue;
    const ratio = contrastRatio(t.fg, flatten(t.backgrounds), t.opacity);
    const need = isLarge(t.size * limits.fit, t.bold) ? AA_LARGE : AA_NORMAL;
    if (ratio < need - 0.005) low.push([t, ratio, need]);
  }
  const [worst] = low.sort((a, b) => a[1] - b[1]);
  if (worst) {
    const [t, ratio, need] = worst;
    const faded = t.opacity < 0.999 ? ` at ${Math.round(t.opacity * 100)}% opacity` : '';
    issues.push({
      ...at,
      severity: 'error',
      rule: 'contrast',
      code: 'contrast',
      message: `"${t.text}" is ${hex(t.fg)}${faded} on ${hex(flatten(t.backgrounds))}, ${ratio.toFixed(2)}:1, below WCAG AA ${need}:1${more(low.length - 1, 'text')}`,
      hint: 'projectors wash colours out further: use a lighter text colour on a dark slide (or a darker one on a light slide)',
    });
  }
  return issues;
}
