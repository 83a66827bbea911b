/** One slide as the console sees it: where it is, what it is called, its notes and planned time. */
export interface SlideInfo {
  h: number;
  v: number;
  title: string;
  notes: string;
  /** `data-visibility="uncounted"`: left out of the slide numbers, as reveal leaves it. */
  uncounted?: boolean;
  /** Seconds from `data-timing`, if the slide sets it. */
  timing?: number;
  /** The slide's markup in the page, for the console's slide pictures. */
  section?: HTMLElement;
}

/** The deck's slides in presenting order (a vertical stack's children in turn), read from the page's markup. */
export function slideList(root: ParentNode = document): SlideInfo[] {
  const list: SlideInfo[] = [];
  // Not the console's slide pictures (slide-thumb.ts), which are copies of these in a `.reveal` of their own.
  const tops = [...root.querySelectorAll<HTMLElement>('.reveal:not(.chokepoint-thumb) > .slides > section')];
  tops.forEach((top, h) => {
    const children = [...top.querySelectorAll<HTMLElement>(':scope > section')];
    (children.length > 0 ? children : [top]).forEach((section, v) => list.push(describe(section, h, v)));
  });
  return list;
}

function describe(section: HTMLElement, h: number, v: number): SlideInfo {
  const heading = section.querySelector('h1, h2, h3');
  const text = (heading ?? section).textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const aside = section.querySelector('aside.notes');
  const notes = aside?.innerHTML ?? escape(section.dataset.notes ?? '');
  const timing = Number(section.dataset.timing);
  return {
    h,
    v,
    title: text.length > 60 ? `${text.slice(0, 57)}…` : text || `Slide ${h + 1}`,
    notes,
    timing: Number.isFinite(timing) && timing > 0 ? timing : undefined,
    uncounted: section.dataset.visibility === 'uncounted',
    section,
  };
}

const escape = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
