import { escapeHtml } from './html.ts';

/**
 * The deck's footer text and logo (front matter `footer:` and `logo:`), added to every slide except the
 * title: the first slide, a `title-slide`, or a slide marked `<!-- .slide: class="no-chrome" -->`.
 */
export function addChrome(section: string, isFirst: boolean, footer?: string, logoUrl?: string): string {
  if (!footer && !logoUrl) return section;
  const open = /^<section\b[^>]*>/.exec(section);
  if (!open || isFirst || /\bclass="[^"]*\b(title-slide|no-chrome)\b/.test(open[0])) return section;
  const parts = [
    footer ? `<div class="deck-footer">${escapeHtml(footer)}</div>` : '',
    logoUrl ? `<img class="deck-logo" src="${escapeHtml(logoUrl)}" alt="" aria-hidden="true">` : '',
  ].join('');
  return `${open[0]}\n${parts}${section.slice(open[0].length)}`;
}
