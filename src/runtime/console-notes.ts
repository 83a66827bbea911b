// Not the old key `chokepoint.notesSize`, which held a largest size to fit under, not a size to keep.
const KEY = 'chokepoint.notesPx';
const SIZES = { min: 14, max: 72, step: 2, largest: 32 };
/** The smallest fitted size at a 1100×700 console; it grows with the window. Longer notes scroll. */
const FLOOR = { px: 24, width: 1100, height: 700, min: 18, max: 28 };
/** How many of the tallest notes to fit exactly: the tallest at one size is nearly always the tallest at another. */
const TALLEST = 3;

/**
 * The notes pane, at one size for the whole deck so the text does not jump between slides: the largest
 * size (up to 32 px) at which the deck's longest notes fit the pane, but never below a floor (24 px at
 * 1100×700), past which long notes scroll. A−/A+ set a size of the presenter's own instead, remembered in
 * localStorage, until Fit. Sizes are measured on a hidden copy of the pane, so the notes on screen never flicker.
 */
export function notesPane(pane: HTMLElement, buttons: ParentNode): { show(html: string): void; setDeck(notes: string[]): void } {
  const value = pane.querySelector<HTMLElement>('.value')!;
  const probe = document.createElement('div');
  probe.className = 'notes-probe';
  probe.setAttribute('aria-hidden', 'true');
  pane.append(probe);
  let chosen = readSize();
  let deck: string[] = [];
  let fitted = SIZES.largest;

  const apply = () => {
    const px = chosen ?? fitted;
    value.style.fontSize = `${px}px`;
    pane.dataset.fontSize = value.style.fontSize;
    pane.dataset.sizing = chosen === undefined ? 'fitted' : 'chosen';
    fitButton.hidden = chosen === undefined;
  };
  const fits = (px: number) => {
    probe.style.fontSize = `${px}px`;
    return probe.offsetHeight <= value.clientHeight + 1;
  };
  const refit = () => {
    if (value.clientWidth === 0) return;
    probe.style.width = `${value.clientWidth}px`;
    const floor = Math.min(FLOOR.max, Math.max(FLOOR.min, Math.round(FLOOR.px * Math.min(innerWidth / FLOOR.width, innerHeight / FLOOR.height))));
    probe.style.fontSize = `${SIZES.largest}px`;
    const tallest = deck
      .map((html) => {
        probe.innerHTML = html;
        return { html, height: probe.offsetHeight };
      })
      .sort((a, b) => b.height - a.height)
      .slice(0, TALLEST);
    let size = SIZES.largest;
    for (const { html } of tallest) {
      probe.innerHTML = html;
      if (fits(size)) continue;
      // The largest size between the floor and the current one at which these notes fit (to half a pixel).
      let lo = floor;
      let hi = size;
      while (hi - lo > 0.5) {
        const mid = (lo + hi) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid;
      }
      size = lo;
    }
    probe.replaceChildren();
    fitted = Math.max(floor, Math.floor(size * 2) / 2);
    apply();
  };
  const choose = (px: number | undefined) => {
    chosen = px;
    try {
      if (px === undefined) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, String(px));
    } catch {
      // Storage off (private mode, some file:// setups): the size holds for this window only.
    }
    apply();
  };
  const resize = (by: number) => choose(Math.min(SIZES.max, Math.max(SIZES.min, (chosen ?? fitted) + by)));
  const fitButton = buttons.querySelector<HTMLButtonElement>('.notes-fit')!;
  buttons.querySelector('.notes-smaller')!.addEventListener('click', () => resize(-SIZES.step));
  buttons.querySelector('.notes-larger')!.addEventListener('click', () => resize(SIZES.step));
  fitButton.addEventListener('click', () => choose(undefined));
  new ResizeObserver(() => refit()).observe(pane);
  void document.fonts?.ready.then(refit);
  return {
    show(html: string) {
      const shown = html || '<p class="no-notes">No notes for this slide.</p>';
      if (value.innerHTML !== shown) {
        value.innerHTML = shown;
        value.scrollTop = 0;
      }
    },
    setDeck(notes: string[]) {
      if (notes.join('\0') === deck.join('\0')) return;
      deck = notes;
      refit();
    },
  };
}

function readSize(): number | undefined {
  try {
    const stored = Number(localStorage.getItem(KEY));
    if (stored >= SIZES.min && stored <= SIZES.max) return stored;
  } catch {
    // No storage: the fitted size.
  }
  return undefined;
}
