import type { RuntimeConfig } from '../compile/runtime-config.ts';
import { showIssues } from './overlay.ts';
import { startDeck } from './start.ts';

/** What the dev server's page drives: the same runtime the built page runs, already bundled. */
export interface RuntimeHandle {
  startDeck: typeof startDeck;
  showIssues: typeof showIssues;
  /**
   * The URL's hash as the page opened, before reveal moves it: dev's first page may hold only the deck's
   * first file (src/vite/deck-compiler.ts preview), and once the whole deck arrives dev.ts goes where it pointed.
   */
  hashAtLoad: string;
}

declare global {
  interface Window {
    chokepoint?: RuntimeHandle;
  }
}

// A built page carries its slides and settings; the dev server's page has no settings and starts the
// deck itself (src/runtime/dev.ts), with slides that arrive through its hot-updated module.
// This is a classic script (so it runs from file://); wait for the markup it reads if it runs early.
const start = () => {
  const config = document.getElementById('deck-config');
  if (config) void startDeck(JSON.parse(config.textContent ?? '{}') as RuntimeConfig);
};
window.chokepoint = { startDeck, showIssues, hashAtLoad: location.hash };
// A first page with the deck's first file alone, opened at a later slide (`#/12`): it shows no slide until the
// whole deck is in (dev.ts), rather than slide 1 and then a jump.
if (document.documentElement.hasAttribute('data-deck-partial') && !/^(#\/?(0(\/0)?)?\/?)?$/.test(location.hash)) {
  document.documentElement.setAttribute('data-deck-waiting', '');
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
