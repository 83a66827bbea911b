/** What the print layout needs to know about each slide, in deck order. */
export interface PrintSlide {
  title: string;
  /** Vertical index: children of a stack nest under its first slide in the outline. */
  v: number;
  /** The same Markdown slide as the one before (a long source list split over pages): no bookmark of its own. */
  continued?: boolean;
  /** Its page number as the screen shows it, in parts (src/export/slide-number.ts); none printed when absent. */
  number?: string[];
}

/** One PDF page: the slide it belongs to and what it shows. */
export interface PrintPage {
  slide: number;
  kind: 'slide' | 'step' | 'notes';
}

/** Options for {@link layoutPrintPages}. */
export interface PrintLayoutArgs {
  slides: PrintSlide[];
  /** Give every slide a notes page right after it (and after its fragment steps). */
  notes: boolean;
}

/**
 * Runs in the page after reveal's `pdf-ready`: fixes what reveal's print view leaves for a PDF and lists the pages.
 * - Chromium builds the PDF outline from headings in the accessibility tree, and reveal leaves `aria-hidden`
 *   on slides it would not show live, so those slides had no bookmark. Every page is unhidden, each slide's
 *   title heading becomes the one heading of its page and other headings, fragment copies and notes are
 *   demoted: one bookmark per titled slide. Its level nests the outline: parts (section dividers, slides
 *   titled with `#`) and the source list at the top, the slides of a part below it, a stack's slides below
 *   its first; a source list split over several slides gets one bookmark.
 * - With notes, every slide gets a notes page (a placeholder when it has none), after its fragment steps;
 *   reveal puts notes before the steps and nothing for slides without notes, so pages would not pair up.
 * - Explicit page breaks, so the last page is not followed by a blank one.
 * - Page numbers read as on screen ("2 / 39", the same markup as reveal's live number), where reveal's print
 *   view counts pages ("2"); a fragment step keeps its slide's number, as the screen does.
 * Must be self-contained: Playwright sends its source text to the page.
 */
export function layoutPrintPages({ slides, notes }: PrintLayoutArgs): { pages: PrintPage[]; cutNotes: number[] } {
  const container = document.querySelector<HTMLElement>('.reveal .slides')!;
  const pageHeight = parseFloat(document.body.style.height) || container.querySelector<HTMLElement>('.pdf-page')!.offsetHeight;
  type Entry = PrintPage & { el: HTMLElement };
  const entries: Entry[] = [];
  let current = -1;
  for (const el of Array.from(container.children) as HTMLElement[]) {
    if (el.classList.contains('pdf-page')) {
      const stamped = el.querySelector<HTMLElement>('section[data-export-slide]')?.dataset.exportSlide;
      const slide = stamped === undefined ? current : Number(stamped);
      entries.push({ el, slide, kind: slide === current ? 'step' : 'slide' });
      current = slide;
    } else if (el.classList.contains('speaker-notes-pdf')) {
      if (notes) entries.push({ el, slide: current, kind: 'notes' });
      else el.remove();
    }
  }

  let inPart = false;
  let stackLevel = 1;
  // A run of slides with the same `data-part` is a part too, without a divider slide of its own: its bookmark
  // carries the label the theme shows for it (the section's ::after or ::before text), else "Part N".
  let dataPart: string | undefined;
  const partLabel = (section: Element, key: string) => {
    for (const pseudo of ['::after', '::before']) {
      const content = getComputedStyle(section, pseudo).content;
      const text = /^"(.*)"$/.exec(content)?.[1]?.replace(/\\"/g, '"').trim();
      if (text && /\p{L}/u.test(text)) return text;
    }
    return `Part ${key}`;
  };
  for (const { el, slide, kind } of entries) {
    el.querySelectorAll('section').forEach((s) => {
      s.removeAttribute('hidden');
      s.removeAttribute('aria-hidden');
    });
    const number = el.querySelector('.slide-number-pdf');
    const parts = slides[slide]?.number;
    if (number && parts) {
      const names = ['slide-number-a', 'slide-number-delimiter', 'slide-number-b'];
      const spans = parts.map((text, i) => Object.assign(document.createElement('span'), { className: names[i]!, textContent: text }));
      number.replaceChildren(...spans.flatMap((span, i) => (i === 0 ? [span] : [' ', span])));
    }
    const info = slides[slide];
    const headings = Array.from(el.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter((h) => !h.closest('aside'));
    const titled = kind === 'slide' && Boolean(info?.title) && !info?.continued;
    const main = titled ? headings.find((h) => /^H[1-3]$/.test(h.tagName)) : undefined;
    let level = 1;
    if (titled && info) {
      const section = el.querySelector('section[data-export-slide]') ?? el.querySelector('section');
      // The title slide (first, or marked so) opens the deck rather than a part: it stays at the top, alone.
      const opening = slide === 0 || Boolean(section?.classList.contains('title-slide'));
      const part = !opening && (Boolean(section?.classList.contains('section')) || main?.tagName === 'H1');
      const sources = Boolean(el.querySelector('.sources-list, .sources-empty'));
      const key = opening || sources || part ? undefined : (section?.getAttribute('data-part') ?? undefined);
      if (info.v > 0) level = stackLevel + 1;
      else if (key !== undefined) {
        if (key !== dataPart) {
          const anchor = document.createElement('div');
          anchor.className = 'export-outline-anchor';
          anchor.setAttribute('role', 'heading');
          anchor.setAttribute('aria-level', '1');
          anchor.textContent = partLabel(section!, key);
          (section ?? el).prepend(anchor);
        }
        level = stackLevel = 2;
        inPart = false;
      } else {
        level = part || sources ? 1 : inPart ? 2 : 1;
        stackLevel = level;
        if (part) inPart = true;
        if (sources || opening) inPart = false;
      }
      dataPart = key;
    }
    for (const h of headings) if (h !== main) h.setAttribute('role', 'none');
    if (titled && info) {
      let target = main;
      if (!target) {
        // A slide titled by its first words has no heading: an invisible one carries its bookmark.
        target = document.createElement('div');
        target.className = 'export-outline-anchor';
        target.setAttribute('role', 'heading');
        target.textContent = info.title;
        (el.querySelector('section') ?? el).prepend(target);
      }
      target.setAttribute('aria-level', String(level));
      // A bookmark takes the heading's laid-out text, which drops the space where a line wraps ("rightand
      // wrong"); spaces kept as written (pre-wrap, with runs collapsed by hand) look the same and survive.
      const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
      const texts: Node[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
      texts.forEach((n, i) => {
        let text = n.textContent!.replace(/[ \t\n\r\f]+/g, ' ');
        if (i === 0) text = text.trimStart();
        if (i === texts.length - 1) text = text.trimEnd();
        n.textContent = text;
      });
      (target as HTMLElement).style.whiteSpace = 'pre-wrap';
      target.querySelectorAll('br').forEach((br) => br.before(' '));
    }
  }

  if (notes) {
    const withNotes = new Set(entries.filter((e) => e.kind === 'notes').map((e) => e.slide));
    slides.forEach((_, slide) => {
      if (withNotes.has(slide)) return;
      const el = document.createElement('div');
      el.className = 'speaker-notes speaker-notes-pdf';
      el.dataset.layout = 'separate-page';
      entries.push({ el, slide, kind: 'notes' });
    });
    const rank = { slide: 0, step: 1, notes: 2 } as const;
    entries.sort((a, b) => a.slide - b.slide || rank[a.kind] - rank[b.kind]);
    for (const e of entries.filter((x) => x.kind === 'notes')) {
      const body = document.createElement('div');
      body.className = 'export-notes-body';
      body.dataset.slide = String(e.slide);
      if (e.el.childNodes.length > 0) body.append(...Array.from(e.el.childNodes));
      else body.innerHTML = '<p class="export-notes-empty">No notes for this slide.</p>';
      const head = document.createElement('div');
      head.className = 'export-notes-head';
      head.append(Object.assign(document.createElement('span'), { textContent: `Notes · ${e.slide + 1} / ${slides.length}` }));
      head.append(Object.assign(document.createElement('strong'), { textContent: slides[e.slide]?.title ?? '' }));
      e.el.replaceChildren(head, body);
      // Exactly one page: the export sets reveal's page height offset to 0, so no strip of background shows below.
      e.el.style.height = `${pageHeight}px`;
    }
  }

  // Every element in the accessibility tree becomes a structure element of the tagged PDF (~100 bytes each):
  // the page wrapper and the slide's section group nothing a reader needs, and the printed slide number is
  // pagination, an artifact in PDF terms. Out of the tree they go; what they contain stays tagged.
  for (const { el } of entries) {
    el.setAttribute('role', 'none');
    el.querySelectorAll(':scope > section, :scope > section > section').forEach((s) => s.setAttribute('role', 'none'));
    el.querySelectorAll('.slide-number-pdf').forEach((n) => n.setAttribute('aria-hidden', 'true'));
  }
  entries.forEach((e, i) => {
    e.el.style.pageBreakAfter = i === entries.length - 1 ? 'avoid' : 'always';
    // Moving 300 pages costs a restyle of each: only when notes changed the order.
    if (notes) container.append(e.el);
  });
  // Long notes shrink to fit their page rather than spill onto an extra one; past 18 px they are cut (and reported).
  const cutNotes: number[] = [];
  for (const body of Array.from(container.querySelectorAll<HTMLElement>('.export-notes-body'))) {
    for (let size = 40; body.scrollHeight > body.clientHeight + 1 && size > 18; size -= 2) body.style.fontSize = `${size - 2}px`;
    if (body.scrollHeight > body.clientHeight + 1) cutNotes.push(Number(body.dataset.slide));
  }
  const pages: PrintPage[] = [];
  for (const { el, slide, kind } of entries) {
    // reveal sizes a slide's page to whole pages (pdfMaxPagesPerSlide); reading its style forces no layout.
    const count = kind === 'notes' ? 1 : Math.max(1, Math.round(parseFloat(el.style.height) / pageHeight));
    for (let i = 0; i < count; i++) pages.push({ slide, kind });
  }
  return { pages, cutNotes };
}

/**
 * Styles for notes pages and outline anchors, added to the page by the exporter. First, reveal's print view clips
 * `.reveal` (overflow: hidden, height auto): a clip that cuts nothing, as every page clips its own content and
 * `.reveal` is exactly as tall as its pages, but a scroll container as tall as the whole deck, which page.pdf then
 * paints on every page. Measured at 300 text slides: the renderer grows 12 MB less inside page.pdf (41 -> 29 MB;
 * 300 empty pages 19 -> 7 MB, Marp's 8), the same PDF (`overflow: clip` costs as much as `hidden`).
 */
export const PRINT_LAYOUT_CSS = `
html.reveal-print body .reveal { overflow: visible !important; }
html.reveal-print .reveal .slides .speaker-notes-pdf[data-layout=separate-page] {
  box-sizing: border-box; display: flex !important; flex-direction: column; padding: 88px 200px 96px;
  background: #fbfaf7; color: #1d2733; overflow: hidden; font-family: var(--r-main-font);
}
.speaker-notes-pdf::before { display: none !important; }
.export-notes-head {
  display: flex; align-items: baseline; gap: 32px; padding-bottom: 28px; margin-bottom: 44px;
  border-bottom: 4px solid var(--accent, #ffb000); font-size: 26px; font-weight: 600; letter-spacing: 0.08em;
  text-transform: uppercase; color: #5b6b7d; flex: none;
}
.export-notes-head span { white-space: nowrap; }
.export-notes-head strong {
  font-size: 44px; font-weight: 800; letter-spacing: -0.01em; text-transform: none; color: #0c1117;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.export-notes-body { flex: 1; min-height: 0; overflow: hidden; font-size: 40px; line-height: 1.5; max-width: 1500px; }
.export-notes-body > :first-child { margin-top: 0; }
.export-notes-body p, .export-notes-body ul, .export-notes-body ol { margin: 0 0 0.7em; }
.export-notes-body strong { font-weight: 800; color: #0c1117; }
.export-notes-body code { font-family: var(--r-code-font); font-size: 0.85em; }
.export-notes-empty { color: #8a96a3; font-style: italic; }
.export-outline-anchor {
  position: absolute; left: 0; top: 0; font-size: 1px; line-height: 1; color: transparent; pointer-events: none;
}
`;
