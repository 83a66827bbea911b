import { countedNumber, countedTotal } from '../compile/numbering.ts';
import type { Deck } from '../compile/types.ts';

/**
 * The page number of each slide as the screen shows it (reveal's slide-number formats, with the runtime's
 * default 'c/t': "2 / 39"), in parts: `['2', '/', '39']`, `['3', '.', '2']` or `['7']`. reveal's print
 * view numbers pages 1, 2, 3… whatever the format, so a PDF read "2" where the screen read "2 / 39".
 * Undefined when the deck shows no numbers in print.
 */
export function slideNumbers(deck: Deck): string[][] | undefined {
  const settings = deck.meta.reveal ?? {};
  const setting = settings.slideNumber ?? 'c/t';
  if (!setting || !/all|print/i.test(String(settings.showSlideNumber ?? 'all'))) return undefined;
  let format = typeof setting === 'string' ? setting : 'h.v';
  // Slides marked uncounted are left out of the total and show the count before them, as on screen.
  const total = countedTotal(deck.slides);
  // reveal counts a deck of one horizontal slide (a single stack) with 'c' when the format has no c.
  if (!/c/.test(format) && new Set(deck.slides.map((s) => s.h)).size === 1) format = 'c';
  return deck.slides.map((slide, i) => {
    if (format === 'c') return [String(countedNumber(deck.slides, i))];
    if (format === 'c/t') return [String(countedNumber(deck.slides, i)), '/', String(total)];
    const h = String(slide.h + (slide.uncounted ? 0 : 1));
    return slide.v > 0 ? [h, format === 'h/v' ? '/' : '.', String(slide.v + 1)] : [h];
  });
}
