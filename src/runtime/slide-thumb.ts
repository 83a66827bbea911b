/**
 * A picture of one slide for the console's slide grid: a copy of the slide's own markup (the console page
 * carries the whole deck, hidden), laid out at the deck's size inside a `.reveal` of its own so the theme
 * styles it as on screen, then scaled down with CSS. No second Reveal, no frame, no network: a tile costs
 * the DOM of one slide, and the grid makes tiles only as they scroll into view.
 */
export function slideThumb(section: HTMLElement, size: { width: number; height: number }): HTMLElement {
  const copy = section.cloneNode(true) as HTMLElement;
  copy.classList.add('present');
  copy.classList.remove('stack', 'past', 'future');
  copy.removeAttribute('hidden');
  copy.removeAttribute('aria-hidden');
  copy.style.display = 'flex';
  // The end state of the slide: every fragment shown, as the presenter will have left it.
  for (const f of copy.querySelectorAll('.fragment')) f.classList.add('visible');
  for (const aside of copy.querySelectorAll('aside.notes')) aside.remove();
  for (const media of copy.querySelectorAll<HTMLMediaElement>('video, audio')) {
    media.autoplay = false;
    media.preload = 'none';
  }
  renameIds(copy);

  const slides = document.createElement('div');
  slides.className = 'slides';
  slides.style.width = `${size.width}px`;
  slides.style.height = `${size.height}px`;
  slides.append(copy);
  const reveal = document.createElement('div');
  reveal.className = 'reveal chokepoint-thumb';
  reveal.setAttribute('aria-hidden', 'true');
  reveal.inert = true;
  const bg = section.dataset;
  if (bg.backgroundColor) reveal.style.backgroundColor = bg.backgroundColor;
  if (bg.backgroundImage)
    reveal.style.background = `center / cover no-repeat url("${bg.backgroundImage.replace(/["\\]/g, '\\$&')}")${bg.backgroundColor ? ` ${bg.backgroundColor}` : ''}`;
  reveal.append(slides);
  return reveal;
}

/**
 * Gives the copy's ids a suffix of their own, with the references to them (`url(#id)`, `href="#id"`,
 * aria labels): an SVG gradient or marker would otherwise resolve to the hidden original and not paint.
 */
let copies = 0;
function renameIds(root: HTMLElement): void {
  const owners = root.querySelectorAll('[id]');
  if (owners.length === 0) return;
  const suffix = `--thumb${++copies}`;
  const ids = new Set<string>();
  for (const el of owners) {
    ids.add(el.id);
    el.id += suffix;
  }
  const rewrite = (text: string) => text.replace(/#([\w.:-]+)/g, (all, id: string) => (ids.has(id) ? `#${id}${suffix}` : all));
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (attr.name === 'id') continue;
      if (attr.name === 'aria-labelledby' || attr.name === 'aria-describedby') {
        attr.value = attr.value
          .split(/\s+/)
          .map((id) => (ids.has(id) ? id + suffix : id))
          .join(' ');
      } else if (attr.value.includes('#')) {
        attr.value = rewrite(attr.value);
      }
    }
    if (el instanceof SVGStyleElement || el instanceof HTMLStyleElement) el.textContent = rewrite(el.textContent ?? '');
  }
}
