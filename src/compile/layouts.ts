import { closest, type DeckIssue } from './errors.ts';

/**
 * Named slide layouts, `<!-- .slide: layout="image-right" -->`: each is one entry here and one block in the
 * theme's layouts.css (`section.layout-NAME`). `wrap` names the class of a div the compiler puts around the
 * slide's content after its first heading, for layouts that arrange that content as a whole.
 */
export const LAYOUTS: Record<string, { does: string; wrap?: string }> = {
  cover: { does: 'a title slide that keeps the footer and logo: big title, subtitle below, centred vertically' },
  section: { does: 'a part divider: a big title (and a kicker or a line) in the middle of the slide' },
  'two-cols': { does: 'the content under the title in two columns; `***` starts the right column', wrap: 'layout-cols' },
  'image-left': { does: 'the first image fills the left half, top to bottom; the title and text take the right half' },
  'image-right': { does: 'the first image fills the right half, top to bottom; the title and text take the left half' },
  'big-number': { does: 'one number (the first paragraph) very large and centred, what it means below' },
  quote: { does: 'a block quote large and centred; its last line (— who) is the attribution' },
  end: { does: 'a closing slide: a big centred title (thanks, questions, contact)' },
};

/**
 * The layout a slide asks for: its class and what to wrap, or a warning naming the closest layout (the slide
 * then keeps the default look).
 */
export function slideLayout(name: string, file: string, line: number): { className?: string; wrap?: string; issue?: DeckIssue } {
  const layout = LAYOUTS[name];
  if (layout) return { className: `layout-${name}`, ...(layout.wrap ? { wrap: layout.wrap } : {}) };
  const near = closest(name, Object.keys(LAYOUTS));
  return {
    issue: {
      file,
      line,
      severity: 'warning',
      code: 'unknown-layout',
      message: `unknown layout \`${name}\``,
      hint: `${near ? `did you mean \`${near}\`? ` : ''}layouts: ${Object.keys(LAYOUTS).join(', ')}`,
    },
  };
}

/** Wraps everything after the first heading (or the whole slide, without one) in `<div class="…">`. */
export function wrapAfterTitle(html: string, className: string): string {
  const end = /<\/h[12]>\n?/.exec(html);
  const at = end ? end.index + end[0].length : 0;
  return `${html.slice(0, at)}<div class="${className}">\n${html.slice(at)}</div>\n`;
}
