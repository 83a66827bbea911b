import type { PageTools } from './page-tools.ts';
import type { Box, Culprit, Overlap, Rgba, Scroller, StateMeasure, TextSample } from './types.ts';

/**
 * In the page: shows each slide at each fragment step in turn and measures what the audience sees.
 * Passed to `page.evaluate`, so it must be self-contained: no imports; its helpers come from installPageTools.
 * One call for the whole deck: between slides the page never yields a frame, so nothing is painted.
 */
export async function measureSlides(list: { h: number; v: number }[]): Promise<StateMeasure[][]> {
  interface RevealLike {
    slide(h: number, v: number, f?: number): void;
    getCurrentSlide(): HTMLElement;
    availableFragments(): { next: boolean };
    getSlideBackground(h: number, v: number): HTMLElement | undefined;
  }
  const reveal = (window as unknown as { Reveal: RevealLike }).Reveal;
  const slides = document.querySelector('.reveal .slides') as HTMLElement;
  // A key per element, so a text seen at several fragment steps is reported once.
  const keys = new Map<Element, number>();
  const keyOf = (el: Element) => {
    let k = keys.get(el);
    if (k === undefined) keys.set(el, (k = keys.size + 1));
    return k;
  };
  // Colours, element names and overlap geometry: installed by installPageTools (page-tools.ts) beforehand.
  const { colour, describe, paints, textOverText, chromeOverContent } = (window as unknown as { __chokepointCheck: PageTools }).__chokepointCheck;
  const SKIP = new Set([
    'script',
    'style',
    'template',
    'noscript',
    'title',
    'desc',
    'metadata',
    'defs',
    'clippath',
    'mask',
    'marker',
    'symbol',
    'pattern',
    'lineargradient',
    'radialgradient',
    'filter',
  ]);
  const range = document.createRange();
  const DIMMED =
    '.fragment.semi-fade-out.visible, .fragment.fade-in-then-semi-out.visible:not(.current-fragment), .has-highlights tr:not(.highlight-line), .hljs-ln-numbers';

  const backgroundsOf = (el: Element, h: number, v: number): { backgrounds: Rgba[]; solid: boolean } => {
    const chain: Element[] = [];
    for (let e: Element | null = el; e && e !== slides; e = e.parentElement) chain.push(e);
    const bg = reveal.getSlideBackground(h, v);
    chain.push(slides);
    if (bg) chain.push(...bg.querySelectorAll('.slide-background-content'), bg);
    chain.push(document.querySelector('.reveal')!, document.body, document.documentElement);
    let solid = !bg?.querySelector('video, iframe, img');
    const backgrounds: Rgba[] = [];
    for (const e of chain) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none') solid = false;
      const c = colour(s.backgroundColor);
      if (c && c[3] > 0) backgrounds.push(c);
      if (c && c[3] >= 1) break;
    }
    return { backgrounds, solid };
  };

  const measure = (h: number, v: number, step: number): StateMeasure => {
    const base = slides.getBoundingClientRect();
    const scale = base.width / slides.offsetWidth || 1;
    const toSlide = (r: DOMRect): Box => ({
      top: (r.top - base.top) / scale,
      left: (r.left - base.left) / scale,
      bottom: (r.bottom - base.top) / scale,
      right: (r.right - base.left) / scale,
    });
    const cut = (b: Box, c: Box | null): Box | null => {
      const o = c
        ? { top: Math.max(b.top, c.top), left: Math.max(b.left, c.left), bottom: Math.min(b.bottom, c.bottom), right: Math.min(b.right, c.right) }
        : b;
      return o.right - o.left >= 1 && o.bottom - o.top >= 1 ? o : null;
    };
    let extent: Box | null = null;
    const culprits: StateMeasure['culprits'] = {};
    const scrollers: Scroller[] = [];
    const texts: TextSample[] = [];
    // Text line boxes and chrome (footer, logo) boxes, for the overlap rule.
    const runs: { el: Element; box: Box }[] = [];
    const chrome: { el: Element; box: Box }[] = [];
    const overlaps: Overlap[] = [];
    const add = (b: Box, el: Element) => {
      extent = extent
        ? {
            top: Math.min(extent.top, b.top),
            left: Math.min(extent.left, b.left),
            bottom: Math.max(extent.bottom, b.bottom),
            right: Math.max(extent.right, b.right),
          }
        : { ...b };
      // Remember, per edge, the element reaching furthest past it; on a tie the deeper (later) one is more telling.
      const limit: Box = { top: 0, left: 0, bottom: slides.offsetHeight, right: slides.offsetWidth };
      for (const edge of ['top', 'left', 'bottom', 'right'] as const) {
        const sign = edge === 'top' || edge === 'left' ? -1 : 1;
        const prev = culprits[edge];
        if (sign * (b[edge] - limit[edge]) > 0.5 && (!prev || sign * (b[edge] - prev.box[edge]) >= 0))
          culprits[edge] = { what: describe(el), box: b } satisfies Culprit;
      }
    };

    const walk = (el: Element, clip: Box | null, opacity: number, zoom: number, svg: number) => {
      if (SKIP.has(el.localName.toLowerCase()) || el.matches('aside.notes, .sr-only, .visually-hidden')) return;
      const cs = getComputedStyle(el);
      const op = opacity * Number(cs.opacity);
      if (cs.display === 'none' || op === 0) return;
      const rect = el.getBoundingClientRect();
      // The usual visually-hidden pattern without the class: a 1 px box that clips its content.
      if (rect.width <= 1 && rect.height <= 1 && cs.overflow !== 'visible') return;
      const visible = cs.visibility === 'visible';
      if (cs.transform !== 'none') {
        const m = new DOMMatrixReadOnly(cs.transform);
        zoom *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) || 1;
      }
      if (el.localName === 'svg' && !svg) {
        const vb = (el as SVGSVGElement).viewBox.baseVal;
        svg = vb && vb.width > 0 && vb.height > 0 ? Math.min(rect.width / vb.width, rect.height / vb.height) / scale : 1;
        zoom = 1; // the SVG's rendered size already includes every transform above it
      }
      const box = cut(toSlide(rect), clip);
      if (visible && box) add(box, el);
      if (visible && box && el.matches('.deck-footer, .deck-logo')) chrome.push({ el, box });
      // An inline box with a background split over lines: if its pieces overlap, each paints over the line above.
      if (visible && !svg && cs.display === 'inline' && paints(cs)) {
        const pieces = [...el.getClientRects()].map(toSlide);
        if (
          pieces.some((a, i) =>
            pieces.slice(i + 1).some((b) => a.bottom - b.top > 1 && b.bottom - a.top > 1 && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1),
          )
        ) {
          overlaps.push({ kind: 'broken-box', what: describe(el), other: `${pieces.length} lines` });
        }
      }
      // Zero-width spaces are struts (KaTeX sets them at 0.05em to size a line), not text anyone reads.
      // biome-ignore lint/suspicious/noMisleadingCharacterClass: each zero-width character is removed on its own, a joiner included
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.replace(/[\u200b\u200c\u200d\ufeff]/g, '').trim() !== '');
      if (visible && box && own.length > 0) {
        if (!svg) {
          for (const node of own) {
            range.selectNodeContents(node);
            const r = cut(toSlide(range.getBoundingClientRect()), clip);
            if (r) add(r, el);
            if (runs.length < 4000)
              for (const line of range.getClientRects()) {
                const b = cut(toSlide(line), clip);
                if (b) runs.push({ el, box: b });
              }
          }
        }
        const fg = colour(svg ? cs.fill : cs.color);
        const text = own
          .map((n) => n.textContent)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        const behind = backgroundsOf(el, h, v);
        texts.push({
          key: keyOf(el),
          text: text.length > 40 ? `${text.slice(0, 39)}…` : text,
          size: parseFloat(cs.fontSize) * zoom * (svg || 1),
          bold: Number(cs.fontWeight) >= 700,
          fg: fg ? [fg[0], fg[1], fg[2], fg[3] * (svg ? Number(cs.fillOpacity) : 1)] : [0, 0, 0, 1],
          backgrounds: behind.backgrounds,
          solid: behind.solid && fg !== null,
          opacity: op,
          dimmed: el.closest(DIMMED) !== null,
        });
      }
      let inner = clip;
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        inner = cut(toSlide(rect), clip);
        if (!inner) return;
        const scrolls = (o: string) => o === 'auto' || o === 'scroll';
        const e = el as HTMLElement;
        if (visible && scrolls(cs.overflowY) && e.scrollHeight > e.clientHeight + 1)
          scrollers.push({ what: describe(el), axis: 'y', content: e.scrollHeight, box: e.clientHeight });
        if (visible && scrolls(cs.overflowX) && e.scrollWidth > e.clientWidth + 1)
          scrollers.push({ what: describe(el), axis: 'x', content: e.scrollWidth, box: e.clientWidth });
      }
      for (const child of el.children) walk(child, inner, op, zoom, svg);
    };
    const section = reveal.getCurrentSlide();
    for (const child of section.children) walk(child, null, 1, 1, 0);
    overlaps.push(...textOverText(runs), ...chromeOverContent(chrome, runs, section));
    return { step, extent, culprits, scrollers, texts, overlaps };
  };

  // Images change the layout when they arrive, and fonts when they swap in: wait for both, never for a timer.
  const settle = async () => {
    void slides.offsetHeight;
    const images = [...reveal.getCurrentSlide().querySelectorAll('img')].filter((i) => !i.complete);
    await Promise.all(
      images.map(
        (img) =>
          new Promise((done) => {
            img.addEventListener('load', done, { once: true });
            img.addEventListener('error', done, { once: true });
          }),
      ),
    );
    await document.fonts.ready;
  };
  const all: StateMeasure[][] = [];
  for (const { h, v } of list) {
    const states: StateMeasure[] = [];
    for (let f = -1; ; f++) {
      reveal.slide(h, v, f);
      await settle();
      states.push(measure(h, v, f + 1));
      // Reveal clamps a fragment index past the end, so stop once nothing is left to show.
      if (!reveal.availableFragments().next || f > 200) break;
    }
    all.push(states);
  }
  return all;
}
