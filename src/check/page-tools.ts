import type { Box, Overlap, Rgba } from './types.ts';

/** The helpers measureSlides (measure.ts) uses, kept on `window.__chokepointCheck` by {@link installPageTools}. */
export interface PageTools {
  colour(css: string): Rgba | null;
  describe(el: Element): string;
  paints(cs: CSSStyleDeclaration): boolean;
  textOverText(runs: { el: Element; box: Box }[]): Overlap[];
  chromeOverContent(chrome: { el: Element; box: Box }[], runs: { el: Element; box: Box }[], section: Element): Overlap[];
}

/**
 * In the page, before measureSlides: colour parsing, element names and the overlap geometry, kept on `window`.
 * Passed to `page.evaluate`, so it must be self-contained: no imports, no helpers from outside.
 */
export function installPageTools(): void {
  const slides = document.querySelector('.reveal .slides') as HTMLElement;
  const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const colour = (css: string): Rgba | null => {
    const m = /^rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\)$/.exec(css);
    if (m) return [+m[1]!, +m[2]!, +m[3]!, m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : +m[4]];
    if (!css || css === 'none' || css.startsWith('url(')) return null;
    // Any other syntax (oklch(), color(), a keyword): let the canvas convert it to sRGB bytes.
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = css;
    canvas.fillRect(0, 0, 1, 1);
    const d = canvas.getImageData(0, 0, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
  };
  const describe = (el: Element) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? ` class="${el.className.trim().split(/\s+/)[0]}"` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return `<${el.localName}${cls}>${text ? ` "${text.length > 40 ? `${text.slice(0, 39)}…` : text}"` : ''}`;
  };

  /** Whether an element paints a box of its own: a background colour or image, or a border. */
  const paints = (cs: CSSStyleDeclaration) =>
    (colour(cs.backgroundColor)?.[3] ?? 0) > 0 ||
    cs.backgroundImage !== 'none' ||
    ['Top', 'Right', 'Bottom', 'Left'].some(
      (e) => parseFloat(cs.getPropertyValue(`border-${e.toLowerCase()}-width`)) > 0 && cs.getPropertyValue(`border-${e.toLowerCase()}-style`) !== 'none',
    );
  const area = (a: Box, b: Box) =>
    Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
  const inter = (a: Box, b: Box): Box => ({
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  });
  /** True when an opaque box between `top` and the common ancestor covers `where`: `top` is drawn on a card over `under`. */
  const coveredBetween = (top: Element, under: Element, where: Box) => {
    for (let e: Element | null = top; e && !e.contains(under); e = e.parentElement) {
      const c = colour(getComputedStyle(e).backgroundColor);
      if (c && c[3] >= 0.99) {
        const b = toSlideBox(e.getBoundingClientRect());
        if (b.top <= where.top + 1 && b.left <= where.left + 1 && b.bottom >= where.bottom - 1 && b.right >= where.right - 1) return true;
      }
    }
    return false;
  };
  const toSlideBox = (r: DOMRect): Box => {
    const base = slides.getBoundingClientRect();
    const scale = base.width / slides.offsetWidth || 1;
    return { top: (r.top - base.top) / scale, left: (r.left - base.left) / scale, bottom: (r.bottom - base.top) / scale, right: (r.right - base.left) / scale };
  };
  /**
   * Lines of text from different elements drawn over each other (more than 40% of the shorter line's
   * height: tight headings overlap their neighbours by a few pixels on purpose). A sweep by top edge keeps it near-linear.
   */
  const textOverText = (runs: { el: Element; box: Box }[]): Overlap[] => {
    const found: Overlap[] = [];
    const sorted = [...runs].sort((a, b) => a.box.top - b.box.top);
    for (let i = 0; i < sorted.length && found.length < 3; i++) {
      const a = sorted[i]!;
      for (let j = i + 1; j < sorted.length && sorted[j]!.box.top < a.box.bottom; j++) {
        const b = sorted[j]!;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        // Typeset math stacks glyphs on purpose (accents, limits, roots): one formula is one drawing.
        const formula = a.el.closest('.katex');
        if (formula && formula === b.el.closest('.katex')) continue;
        const o = inter(a.box, b.box);
        const minH = Math.min(a.box.bottom - a.box.top, b.box.bottom - b.box.top);
        if (o.right - o.left < 2 || o.bottom - o.top < 0.4 * minH) continue;
        // Document order is paint order here: the later element is drawn on top.
        const [under, over] = a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? [a, b] : [b, a];
        if (coveredBetween(over.el, under.el, o)) continue;
        found.push({ kind: 'text', what: describe(over.el), other: describe(under.el) });
        break;
      }
    }
    return found;
  };
  /** The deck's footer and logo over the slide's own text or pictures. */
  const chromeOverContent = (chrome: { el: Element; box: Box }[], runs: { el: Element; box: Box }[], section: Element): Overlap[] => {
    const found: Overlap[] = [];
    const pictures = [...section.querySelectorAll('img, svg, video, canvas, pre, table, figure')]
      // A full-slide background (`![bg](x.jpg)`) lies under the footer and logo by design.
      .filter((e) => !e.closest('.deck-footer, .deck-logo') && !e.parentElement?.closest('svg') && !e.matches('img.bg:not(.bg-left):not(.bg-right)'))
      .map((el) => ({ el, box: toSlideBox(el.getBoundingClientRect()) }));
    for (const c of chrome) {
      const hit = [...runs, ...pictures].find((r) => !c.el.contains(r.el) && area(c.box, r.box) > 4);
      if (hit) found.push({ kind: 'chrome', what: describe(c.el), other: describe(hit.el) });
    }
    return found;
  };
  const tools: PageTools = { colour, describe, paints, textOverText, chromeOverContent };
  (window as unknown as { __chokepointCheck: PageTools }).__chokepointCheck = tools;
}
