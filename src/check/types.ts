import type { DeckIssue } from '../compile/errors.ts';

/** What a check rule is about; `compile` and `source` findings come from the compiler. */
export type Rule =
  | 'compile'
  | 'source'
  | 'overflow'
  | 'small-text'
  | 'contrast'
  | 'alt'
  | 'svg-title'
  | 'notes'
  | 'link'
  | 'asset'
  | 'duplicate-id'
  | 'script'
  | 'overlap'
  | 'active-content'
  | 'density';

/** The slide a finding belongs to, as the audience counts it (1-based, in deck order). */
export interface SlideRef {
  number: number;
  h: number;
  v: number;
  title: string;
}

/** One finding of `chokepoint check`: a located issue, the rule that found it and its slide. */
export interface CheckIssue extends DeckIssue {
  rule: Rule;
  slide?: SlideRef;
  /** The fragment step (0 = before the first fragment) where a layout problem first shows. */
  step?: number;
}

/** An sRGB colour with alpha, each channel 0–255 and alpha 0–1. */
export type Rgba = [number, number, number, number];

/** A rectangle in slide pixels (the deck's width × height space, before reveal scales it). */
export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The element that reaches furthest past one edge: a short description and its box. */
export interface Culprit {
  what: string;
  box: Box;
}

/** A text run as the page shows it, for the size and contrast rules. */
export interface TextSample {
  /** Stable per element across fragment steps, to report each text once. */
  key: number;
  text: string;
  /** Font size in slide pixels, after transforms (a scaled SVG, a `grow` fragment). */
  size: number;
  bold: boolean;
  fg: Rgba;
  /** Backgrounds behind the text, nearest first, ending at the first opaque one when found. */
  backgrounds: Rgba[];
  /** False when an image, gradient or video lies behind the text, so contrast cannot be computed. */
  solid: boolean;
  /** Product of the opacities of the element and its ancestors. */
  opacity: number;
  /** Faded on purpose by reveal (a semi-fade-out fragment, an unlit line of a code step): exempt from contrast. */
  dimmed: boolean;
}

/** A box whose content scrolls instead of showing (a long code block with `overflow: auto`). */
export interface Scroller {
  what: string;
  axis: 'x' | 'y';
  content: number;
  box: number;
}

/**
 * Things drawn over each other: two texts (`text`), the pieces of one inline box with a background split
 * over lines (`broken-box`), or the deck's footer or logo over the slide's content (`chrome`).
 */
export interface Overlap {
  kind: 'text' | 'broken-box' | 'chrome';
  what: string;
  other: string;
}

/** What `measureState` finds at one fragment step of one slide. */
export interface StateMeasure {
  step: number;
  /** Union of every visible box, or null for an empty slide. */
  extent: Box | null;
  culprits: Partial<Record<keyof Box, Culprit>>;
  scrollers: Scroller[];
  texts: TextSample[];
  /** Optional so measurements recorded before the overlap rule still read. */
  overlaps?: Overlap[];
}

/** One slide as the page describes it, with what can be checked without stepping through it. */
export interface SlideFacts {
  h: number;
  v: number;
  file: string;
  line: number;
  hasNotes: boolean;
  ids: string[];
  imagesWithoutAlt: string[];
  svgsWithoutTitle: string[];
  /** Internal links (`#/3/1`, `#/intro`, `#source-x`) whose target does not exist. */
  brokenLinks: string[];
  scripts: string[];
  /** Documents the slide embeds: `<iframe>`, `<frame>`, `<object>`, `<embed>`, reveal's background iframe (`tag` background). */
  frames: { tag: string; url: string }[];
  /** Every URL the slide loads (src, data-src, poster, backgrounds), resolved, to attribute failed requests. */
  urls: string[];
  /** Words of body: the slide's text without its title, notes, source line, citation markers, charts, diagrams and code. */
  words: number;
}

/** Everything `chokepoint check` found, in deck order. */
export interface CheckResult {
  issues: CheckIssue[];
  /** Slides checked (0 when the deck did not compile). */
  slides: number;
  seconds: number;
}

/** Issue codes of the compiler that concern sources (sources.yaml and citations), which check reports as `source`. */
const SOURCE_CODES = new Set(['unknown-source', 'sources-both', 'uncited-source', 'bad-source', 'sources-yaml', 'sources-not-map', 'unsafe-url']);

/** The check rule of a compiler issue, from its code. */
export function compileRule(issue: DeckIssue): Rule {
  return issue.code !== undefined && SOURCE_CODES.has(issue.code) ? 'source' : 'compile';
}
