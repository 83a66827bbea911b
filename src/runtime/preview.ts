import type { RevealApi } from 'reveal.js';
import { listen, post, runCommand, stateOf, type Message } from './messages.ts';

/** Reveal settings for a preview frame in the console: just the slide, no chrome, no input, no hash. */
export const PREVIEW_OPTIONS = {
  hash: false,
  history: false,
  controls: false,
  progress: false,
  slideNumber: false,
  keyboard: false,
  touch: false,
  overview: false,
  help: false,
  mouseWheel: false,
  previewLinks: false,
  fragmentInURL: false,
  jumpToSlide: false,
  hideInactiveCursor: false,
  // Reveal turns a page narrower than 435 px into a scrolling view; a preview is often that narrow.
  scrollActivationWidth: 0,
  minScale: 0.01,
  autoSlide: 0,
  autoPlayMedia: false,
  transition: 'none',
  backgroundTransition: 'none',
} as const;

/**
 * A preview frame of the speaker console. `show` puts it at a state (step 1: one step further, i.e. the
 * next fragment or the next slide); `command` makes it the deck the console drives (presenter page), and
 * then it reports every move to the console like a deck in another window does.
 */
export function servePreview(reveal: RevealApi): void {
  const parent = () => (window.parent === window ? null : window.parent);
  let driving = false;
  // Blanking is for the audience: the presenter's own preview keeps showing the slide.
  let paused = false;
  const tell = () => {
    if (driving) post(parent(), { type: 'state', state: { ...stateOf(reveal), paused } });
  };
  for (const event of ['slidechanged', 'fragmentshown', 'fragmenthidden', 'paused', 'resumed']) reveal.on(event, tell);
  listen(parent, (m: Message) => {
    if (m.type === 'show') {
      reveal.slide(m.state.h, m.state.v, m.state.f);
      let end = false;
      if (m.step === 1) {
        const before = JSON.stringify(reveal.getIndices());
        reveal.next();
        end = JSON.stringify(reveal.getIndices()) === before;
      }
      document.documentElement.classList.toggle('chokepoint-preview-end', end);
      post(parent(), { type: 'shown', end });
    } else if (m.type === 'command') {
      driving = true;
      if (m.command === 'blank') paused = m.paused ?? !paused;
      else runCommand(reveal, m);
      tell();
    } else if (m.type === 'hello') {
      driving = true;
      tell();
    }
  });
  post(parent(), { type: 'ready' });
}
