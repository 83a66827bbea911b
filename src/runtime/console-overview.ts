import type { SlideInfo } from './slide-list.ts';
import { slideThumb } from './slide-thumb.ts';

/**
 * The slide picker: a grid of slide pictures, each with its number and title; picking one jumps there.
 * Tiles are made once per version of the deck and kept while the grid is closed; each tile's picture is
 * made the first time it scrolls near the view, so a 40-slide deck costs only the slides on screen.
 */
export function overview(panel: HTMLElement, size: { width: number; height: number }, jump: (index: number) => void) {
  panel.style.setProperty('--thumb-ratio', `${size.width} / ${size.height}`);
  panel.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-index]');
    if (!button) return;
    close();
    jump(Number(button.dataset.index));
  });
  let made: SlideInfo[] = [];
  const sections = new WeakMap<HTMLElement, HTMLElement>();
  const pictures = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const frame = entry.target as HTMLElement;
        pictures.unobserve(frame);
        const section = sections.get(frame);
        if (section) frame.append(slideThumb(section, size));
      }
    },
    { root: panel, rootMargin: '50% 0px' },
  );
  // Every picture is the deck's size scaled to the tile: one scale for all tiles, as they share a width.
  const scale = () => {
    const frame = panel.querySelector<HTMLElement>('.thumb');
    if (frame && frame.clientWidth > 0) panel.style.setProperty('--thumb-scale', String(frame.clientWidth / size.width));
  };
  new ResizeObserver(scale).observe(panel);

  const build = (slides: SlideInfo[]) => {
    made = slides;
    pictures.disconnect();
    panel.replaceChildren(
      ...slides.map((s, i) => {
        const button = document.createElement('button');
        button.dataset.index = String(i);
        button.title = `${i + 1}. ${s.title}`;
        const frame = document.createElement('span');
        frame.className = 'thumb';
        if (s.section) {
          sections.set(frame, s.section);
          pictures.observe(frame);
        }
        const caption = document.createElement('span');
        caption.className = 'caption';
        const n = document.createElement('b');
        n.textContent = String(i + 1);
        caption.append(n, ` ${s.title}`);
        button.append(frame, caption);
        return button;
      }),
    );
  };
  const close = () => {
    panel.hidden = true;
  };
  return {
    toggle(slides: SlideInfo[], current: number) {
      if (!panel.hidden) return close();
      if (slides !== made) build(slides);
      panel.querySelectorAll('button.current').forEach((b) => b.classList.remove('current'));
      const here = panel.querySelector<HTMLButtonElement>(`button[data-index="${current}"]`);
      here?.classList.add('current');
      panel.hidden = false;
      scale();
      here?.focus();
      here?.scrollIntoView({ block: 'nearest' });
    },
    close,
    get open() {
      return !panel.hidden;
    },
  };
}
