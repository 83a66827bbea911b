import type { SlideFacts } from './types.ts';

/**
 * In the page: lists every slide with what can be checked without showing it (alt text, SVG titles,
 * internal links, ids, scripts, frames, notes, the URLs it loads). Self-contained, for `page.evaluate`.
 */
export function inspectDeck(): SlideFacts[] {
  interface RevealLike {
    getSlides(): HTMLElement[];
    getIndices(slide: HTMLElement): { h: number; v?: number };
    getSlide(h: number, v?: number): HTMLElement | undefined;
    getConfig(): { hashOneBasedIndex?: boolean };
  }
  const reveal = (window as unknown as { Reveal: RevealLike }).Reveal;
  const slidesEl = document.querySelector('.reveal .slides')!;
  const oneBased = reveal.getConfig().hashOneBasedIndex === true;
  const decorative = (el: Element) => el.getAttribute('aria-hidden') === 'true' || /^(presentation|none)$/.test(el.getAttribute('role') ?? '');
  const resolve = (url: string) => {
    try {
      return new URL(url, document.baseURI).href;
    } catch {
      return url;
    }
  };

  // Reveal reads `#/3/1` as indices, `#/name` and `#name` as the id of an element in the slides.
  const linkTarget = (hash: string): boolean => {
    const path = hash.replace(/^#\/?/, '');
    if (path === '') return true;
    const [first = '', second] = path.split('/');
    if (/^\d+$/.test(first)) {
      const hIndex = Number(first) - (oneBased ? 1 : 0);
      const vIndex = second !== undefined && /^\d+$/.test(second) ? Number(second) - (oneBased ? 1 : 0) : 0;
      return reveal.getSlide(hIndex, vIndex) !== undefined;
    }
    let id = first;
    try {
      id = decodeURIComponent(first);
    } catch {
      /* keep it raw */
    }
    const target = document.getElementById(id);
    return target !== null && slidesEl.contains(target);
  };

  // What the audience reads as the slide's body: the title, the source line and citation markers, notes, the
  // deck's chrome, charts and diagrams (their labels are data, not prose), hidden tables, code and the generated
  // reference list (an appendix for the PDF and handout, not read in the room) are not.
  const NOT_BODY =
    'aside.notes, footer.slide-sources, .sources-list, .sources-page, .sources-empty, .cite, svg, .sr-only, pre, .chart-source, .deck-footer, script, style, template';
  const bodyWords = (slide: HTMLElement): number => {
    const copy = slide.cloneNode(true) as HTMLElement;
    copy.querySelector('h1, h2')?.remove();
    for (const e of copy.querySelectorAll(NOT_BODY)) e.remove();
    // Block boundaries separate words even where the markup has no space between them.
    for (const e of copy.querySelectorAll('p, li, div, td, th, h3, h4, h5, h6, br, figcaption, blockquote')) e.append(' ');
    return (copy.textContent ?? '').split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  };

  // Every leaf slide, as reveal's getSlides() would list them but with the uncounted ones (an appendix) too:
  // they are shown to whoever pages on, so they are checked like the rest.
  const leaves = [...document.querySelectorAll<HTMLElement>('.reveal .slides section')].filter((s) => !s.querySelector('section'));
  return leaves.map((slide) => {
    const { h, v = 0 } = reveal.getIndices(slide);
    // A vertical stack's own attributes are not the leaf's; the leaf carries data-file/data-line.
    const all = [...slide.querySelectorAll('*')];
    const notes = slide.getAttribute('data-notes') ?? [...slide.querySelectorAll('aside.notes')].map((a) => a.textContent).join('');
    const svgs = all.filter((e) => e.localName === 'svg' && !e.parentElement?.closest('svg'));
    const urls: string[] = [];
    for (const e of [slide, ...all]) {
      for (const name of ['src', 'data-src', 'poster', 'data-background-image', 'data-background-video', 'data-background-iframe', 'data']) {
        const value = e.getAttribute(name);
        if (value) urls.push(resolve(value));
      }
      const href = e.localName === 'image' || e.localName === 'use' ? e.getAttribute('href') : null;
      if (href && !href.startsWith('#')) urls.push(resolve(href));
      for (const m of (e.getAttribute('style') ?? '').matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) urls.push(resolve(m[1]!));
    }
    return {
      h,
      v,
      file: slide.getAttribute('data-file') ?? '',
      line: Number(slide.getAttribute('data-line') ?? 0),
      hasNotes: notes.trim() !== '',
      ids: [slide, ...all].map((e) => e.id).filter((id) => id !== ''),
      imagesWithoutAlt: all
        .filter((e) => e.localName === 'img' && !decorative(e) && !(e.getAttribute('alt') ?? '').trim())
        .map((e) => e.getAttribute('src') ?? e.getAttribute('data-src') ?? ''),
      svgsWithoutTitle: svgs
        .filter((e) => !decorative(e) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
        .filter((e) => ![...e.children].some((c) => c.localName === 'title' && (c.textContent ?? '').trim()))
        .map((e) => (e.getAttribute('class') ? `<svg class="${e.getAttribute('class')}">` : '<svg>')),
      brokenLinks: all
        .filter((e) => (e.localName === 'a' || e.localName === 'area') && (e.getAttribute('href') ?? '').startsWith('#'))
        .map((e) => e.getAttribute('href')!)
        .filter((href) => !linkTarget(href)),
      scripts: all.filter((e) => e.localName === 'script').map((e) => e.getAttribute('src') ?? (e.textContent ?? '').trim().slice(0, 40)),
      frames: [
        ...all
          .filter((e) => ['iframe', 'frame', 'object', 'embed'].includes(e.localName))
          .map((e) => ({ tag: e.localName, url: e.getAttribute('src') ?? e.getAttribute('data-src') ?? e.getAttribute('data') ?? '' })),
        ...[slide, ...all]
          .filter((e) => e.hasAttribute('data-background-iframe'))
          .map((e) => ({ tag: 'background', url: e.getAttribute('data-background-iframe') ?? '' })),
      ],
      urls,
      words: bodyWords(slide),
    };
  });
}
