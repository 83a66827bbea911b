import type { SlideInfo } from './slide-list.ts';

/** The slide picker: a grid of numbered slide titles; picking one jumps there. */
export function overview(panel: HTMLElement, jump: (index: number) => void) {
  panel.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-index]');
    if (!button) return;
    close();
    jump(Number(button.dataset.index));
  });
  const close = () => { panel.hidden = true; };
  return {
    toggle(slides: SlideInfo[], current: number) {
      if (!panel.hidden) return close();
      panel.replaceChildren(...slides.map((s, i) => {
        const button = document.createElement('button');
        button.dataset.index = String(i);
        button.className = i === current ? 'current' : '';
        const n = document.createElement('b');
        n.textContent = String(i + 1);
        button.append(n, ` ${s.title}`);
        return button;
      }));
      panel.hidden = false;
      panel.querySelector<HTMLButtonElement>('button.current')?.focus();
    },
    close,
    get open() { return !panel.hidden; },
  };
}
