import deck from 'virtual:deck';
import type { RevealApi } from 'reveal.js';
import type {} from './main.ts';

// The bundled runtime (the same one `build` ships) runs first and hands over its entry points, so the
// dev server transforms only this file and the deck, not reveal.js and the theme module by module.
const { startDeck, showIssues, hashAtLoad } = window.chokepoint!;

// The dev server: slides come from the virtual module and are replaced in place on every edit.
const slides = document.querySelector('.reveal .slides')!;
// The first page the server answers before Vite is up already has its slides and settings, and the runtime
// has started them (src/vite/early-page.ts): this module takes that page over instead of starting it again.
const early = document.getElementById('deck-config') !== null;
let ready: Promise<RevealApi | null>;
if (early) {
  ready = started();
  if (document.documentElement.dataset.deckVersion !== String(deck.version)) update(deck);
  else showIssues(deck.issues);
} else {
  slides.innerHTML = deck.html;
  document.title = deck.title;
  setStyles(deck.styles);
  showIssues(deck.issues);
  ready = startDeck(deck.config);
}

if (import.meta.hot) {
  import.meta.hot.accept('virtual:deck', (next) => {
    if (next) update(next.default as typeof deck);
  });
}

function update(next: typeof deck): void {
  showIssues(next.issues);
  setStyles(next.styles);
  void ready.then((reveal) => {
    const root = document.documentElement;
    // The first page held the deck's first file only: now the slide the URL named exists.
    const partial = root.hasAttribute('data-deck-partial');
    root.removeAttribute('data-deck-partial');
    root.removeAttribute('data-deck-waiting');
    if (next.html === slides.innerHTML) return;
    const at = reveal?.getIndices();
    slides.innerHTML = next.html;
    if (reveal && at) {
      const { h, v, f } = at;
      document.title = next.title;
      reveal.sync();
      reveal.slide(h, v ?? 0, f ?? undefined);
      // reveal reads the URL again (its own reading: `#/3/1`, `#/some-id`, one-based or not) and goes there.
      if (partial && hashAtLoad) {
        history.replaceState(history.state, '', hashAtLoad);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      }
    }
    // The speaker console (which runs no Reveal) reads its notes and titles again on this event.
    document.dispatchEvent(new Event('chokepoint:deck-updated'));
    document.documentElement.dataset.deckVersion = String(next.version);
  });
}

/** Reveal as the runtime started it on the first page (null on the speaker console, which runs none). */
function started(): Promise<RevealApi | null> {
  const reveal = (window as { Reveal?: RevealApi }).Reveal;
  if (!reveal) return Promise.resolve(null);
  return reveal.isReady() ? Promise.resolve(reveal) : new Promise((done) => reveal.on('ready', () => done(reveal)));
}

/** Links the deck's own stylesheets; their URLs change with the file, so an edit reloads them. */
function setStyles(urls: string[]): void {
  const current = [...document.querySelectorAll<HTMLLinkElement>('link[data-deck-style]')];
  if (current.map((l) => l.getAttribute('href')).join('\n') === urls.join('\n')) return;
  current.forEach((l) => l.remove());
  for (const url of urls) {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url });
    link.dataset.deckStyle = '';
    document.head.append(link);
  }
}
