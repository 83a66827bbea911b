const KEY = 'chokepoint.notesSize';
const MIN = 12;
const SIZES = { min: 14, max: 72, step: 2, initial: 32 };

/**
 * The notes pane: rendered large, at the presenter's chosen size (A−/A+, remembered in localStorage) or
 * smaller when that size would not fit, so the whole of the notes shows without scrolling whenever it can.
 */
export function notesPane(pane: HTMLElement): { show(html: string): void } {
  const value = pane.querySelector<HTMLElement>('.value')!;
  let preferred = readSize();
  const fit = () => {
    // The largest size up to the preferred one at which nothing overflows (binary search, to half a pixel).
    let lo = MIN;
    let hi = preferred;
    value.style.fontSize = `${hi}px`;
    if (value.scrollHeight > value.clientHeight + 1) {
      while (hi - lo > 0.5) {
        const mid = (lo + hi) / 2;
        value.style.fontSize = `${mid}px`;
        if (value.scrollHeight > value.clientHeight + 1) hi = mid; else lo = mid;
      }
      value.style.fontSize = `${lo}px`;
    }
    pane.dataset.fontSize = value.style.fontSize;
  };
  const resize = (by: number) => {
    preferred = Math.min(SIZES.max, Math.max(SIZES.min, preferred + by));
    try {
      localStorage.setItem(KEY, String(preferred));
    } catch {
      // Storage off (private mode, some file:// setups): the size holds for this window only.
    }
    fit();
  };
  pane.querySelector('.notes-smaller')!.addEventListener('click', () => resize(-SIZES.step));
  pane.querySelector('.notes-larger')!.addEventListener('click', () => resize(SIZES.step));
  new ResizeObserver(() => fit()).observe(pane);
  void document.fonts?.ready.then(fit);
  return {
    show(html: string) {
      if (value.innerHTML !== html) value.innerHTML = html || '<p class="no-notes">No notes for this slide.</p>';
      fit();
    },
  };
}

function readSize(): number {
  try {
    const stored = Number(localStorage.getItem(KEY));
    if (stored >= SIZES.min && stored <= SIZES.max) return stored;
  } catch {
    // No storage: the default size.
  }
  return SIZES.initial;
}
