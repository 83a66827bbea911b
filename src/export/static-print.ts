import type { Deck } from '../compile/types.ts';

/**
 * A PDF of slides in their final state needs little of reveal: its print view wraps each slide in a page of
 * the deck's size, numbers the pages and shows every fragment. Done by reveal, that costs a full style and
 * layout of every slide five or six times over (~1.5 s of the renderer at 300 slides: reveal first sets up
 * the live deck, then moves each slide into its page). Done here, in one pass over the markup before the
 * first layout, the print view is ready in ~1.0 s at 300 slides: ~0.5 s less end to end (`page.pdf` still
 * lays the document out again itself). The pages are the same DOM reveal builds (tests compare the PDFs).
 * Anything this does not reproduce (slide backgrounds, fitted or stretched elements, lazy media, vertical
 * stacks, reveal settings that change layout, fragment steps, notes) uses reveal's own print view.
 */

/** Reveal settings that leave the printed slides as they are. */
const NEUTRAL_SETTINGS = new Set([
  'slideNumber',
  'showSlideNumber',
  'hash',
  'history',
  'transition',
  'transitionSpeed',
  'backgroundTransition',
  'totalTime',
  'controls',
  'controlsTutorial',
  'controlsLayout',
  'controlsBackArrows',
  'progress',
  'keyboard',
  'touch',
  'overview',
  'help',
  'pause',
  'mouseWheel',
  'previewLinks',
  'hideInactiveCursor',
  'autoPlayMedia',
  'autoSlide',
  'autoSlideStoppable',
  'loop',
  'navigationMode',
  'jumpToSlide',
  'hashOneBasedIndex',
  'respondToHashChanges',
]);

/** Markup only reveal's own print view lays out as reveal would. */
const NEEDS_REVEAL = /\sdata-(background|src\b|auto-animate)|\br-(fit-text|stretch)\b|<section\b[^>]*>\s*<section\b|<script\b/;

/** What the page needs to print the slides itself. */
export interface StaticPrint {
  width: number;
  height: number;
  slideNumbers: boolean;
}

/** The static print settings for `deck`, or undefined when it needs reveal's print view. */
export function staticPrint(deck: Deck, options: { notes: boolean; fragments: boolean }): StaticPrint | undefined {
  if (options.notes || options.fragments || process.env.CHOKEPOINT_PRINT_VIEW === 'reveal') return undefined;
  const settings = deck.meta.reveal ?? {};
  if (Object.keys(settings).some((k) => !NEUTRAL_SETTINGS.has(k)) || NEEDS_REVEAL.test(deck.html)) return undefined;
  // The runtime's defaults (src/runtime/start.ts): 'c/t' on every view, which reveal prints as the plain number.
  const slideNumber = settings.slideNumber ?? 'c/t';
  const show = String(settings.showSlideNumber ?? 'all');
  return { width: deck.meta.width, height: deck.meta.height, slideNumbers: Boolean(slideNumber) && /all|print/i.test(show) };
}

/**
 * Runs in the page as parsing ends, before the first layout and instead of the runtime: the DOM reveal's print
 * view would leave (exportInitScript then raises the `pdf-ready` flag). Must be self-contained: Playwright sends its source to the page.
 */
export function layoutStaticPrint({ width, height, slideNumbers }: StaticPrint): void {
  const add = (css: string) => document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
  add(`@page{size:${width}px ${height}px; margin: 0px;}`);
  add(`.reveal section>img, .reveal section>video, .reveal section>iframe{max-width: ${width}px; max-height:${height}px}`);
  document.getElementById('deck-fallback')?.remove();
  document.documentElement.classList.add('reveal-full-page', 'reveal-print', 'print-pdf');
  const body = document.body;
  body.classList.add('reveal-viewport');
  body.style.setProperty('--slide-width', `${width}px`);
  body.style.setProperty('--slide-height', `${height}px`);
  body.style.width = `${width}px`;
  body.style.height = `${height}px`;
  const background = getComputedStyle(body).background;
  const container = document.querySelector<HTMLElement>('.reveal .slides')!;
  const pages = Array.from(container.querySelectorAll<HTMLElement>(':scope > section')).map((slide, i) => {
    const page = document.createElement('div');
    page.className = 'pdf-page';
    page.style.height = `${height}px`;
    if (background) page.style.background = background;
    slide.style.left = '0px';
    slide.style.top = '0px';
    slide.style.width = `${width}px`;
    page.append(slide);
    if (slideNumbers) page.append(Object.assign(document.createElement('div'), { className: 'slide-number slide-number-pdf', textContent: String(i + 1) }));
    slide.querySelectorAll('.fragment:not(.fade-out)').forEach((f) => f.classList.add('visible'));
    return page;
  });
  container.append(...pages);
}
