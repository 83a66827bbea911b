/**
 * Slide numbers as reveal.js counts them (getSlidePastCount, getTotalSlides): a slide marked
 * `data-visibility="uncounted"` is left out of the total and adds nothing to the number, and itself shows the
 * number of the counted slides before it. Shared by the PDF's page numbers and the speaker console, so both
 * read what the screen reads.
 */
export interface Counted {
  uncounted?: boolean;
}

/** The 1-based number reveal shows on slide `i` (0 before the first counted slide). */
export function countedNumber(slides: readonly Counted[], i: number): number {
  let past = 0;
  for (let j = 0; j < i; j++) if (!slides[j]?.uncounted) past++;
  return past + (slides[i]?.uncounted ? 0 : 1);
}

/** The total reveal shows: the slides not marked uncounted. */
export function countedTotal(slides: readonly Counted[]): number {
  return slides.filter((s) => !s.uncounted).length;
}

/** Whether a compiled slide's `<section>` carries `data-visibility="<value>"`. */
export function sectionVisibility(html: string): string | undefined {
  return /^\s*<section\b[^>]*?\sdata-visibility="([^"]*)"/.exec(html)?.[1];
}
