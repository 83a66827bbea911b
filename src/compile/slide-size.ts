import type { DeckIssue } from './errors.ts';

/**
 * The slide size limits, in one place. Front matter `size` takes each side from MIN_SIDE to MAX_SIDE CSS
 * pixels (8K is 7680 wide); exports and check also refuse more than MAX_PIXELS in all (8K's area), beyond
 * which Chromium runs out of memory or hangs.
 */
export const MIN_SIDE = 320;
export const MAX_SIDE = 7680;
export const MAX_PIXELS = 7680 * 4320;

/** A located error when the deck's size is beyond what a browser page can render, else undefined. */
// The deck's shape, not its type: types.ts reaches frontmatter.ts, which reads the bounds above.
export function sizeProblem(deck: { meta: { width: number; height: number }; files: readonly string[] }): DeckIssue | undefined {
  const { width, height } = deck.meta;
  if (width <= MAX_SIDE && height <= MAX_SIDE && width * height <= MAX_PIXELS) return undefined;
  const file = deck.files[0] ?? 'deck';
  return {
    file,
    line: 0,
    severity: 'error',
    code: 'size-too-large',
    message: `the slide size ${width}x${height} is too large to export (at most ${MAX_SIDE} px a side and ${MAX_PIXELS / 1e6} megapixels)`,
    hint: 'use a size such as 1920x1080 in the front matter; text and charts are vectors and stay sharp in the PDF at any zoom',
  };
}
