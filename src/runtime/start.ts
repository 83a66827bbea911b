import Reveal from 'reveal.js';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import type { RevealApi } from 'reveal.js';
import type { RuntimeConfig } from '../compile/runtime-config.ts';
import { startConsole } from './console.ts';
import { pageMode, presentRole } from './page-role.ts';
import { AUDIENCE_OPTIONS, followPresenter } from './present-sync.ts';
import { PREVIEW_OPTIONS, servePreview } from './preview.ts';
import { SpeakerView } from './speaker.ts';
import 'reveal.js/reset.css';
import 'reveal.js/reveal.css';
import '../../assets/theme/index.css';

declare global {
  interface Window {
    Reveal: RevealApi;
  }
}

/**
 * Starts the page in its role: the deck (Reveal on the slides already in `.reveal .slides`), a preview
 * frame of the speaker console, or the console itself. Resolves with Reveal once it is ready, or with
 * null for the console, which shows the slides in frames and runs no Reveal of its own.
 */
export async function startDeck(config: RuntimeConfig): Promise<RevealApi | null> {
  document.getElementById('deck-fallback')?.remove();
  const mode = pageMode();
  if (mode === 'console') {
    startConsole(config);
    return null;
  }
  window.Reveal = Reveal as unknown as RevealApi;
  const preview = mode === 'preview';
  if (preview) document.documentElement.classList.add('chokepoint-preview');
  const audience = mode === 'deck' && presentRole() === 'audience';
  if (audience) document.documentElement.classList.add('chokepoint-audience');
  await Reveal.initialize({
    width: config.width,
    height: config.height,
    margin: 0.04,
    hash: true,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    progress: true,
    controls: true,
    controlsTutorial: false,
    // Slides fill the frame and the theme centres content with flexbox, so a slide's source line sits at its foot.
    center: false,
    display: 'flex',
    transition: 'fade',
    transitionSpeed: 'fast',
    backgroundTransition: 'none',
    hideInactiveCursor: true,
    pdfMaxPagesPerSlide: 1,
    pdfSeparateFragments: false,
    ...config.reveal,
    // Nothing should be caught mid-animation in a PDF.
    ...(mode === 'print' ? { transition: 'none', autoAnimate: false } : {}),
    ...(preview ? PREVIEW_OPTIONS : {}),
    // Last, so that no `reveal:` setting of the deck lets an audience page move on its own.
    ...(audience ? AUDIENCE_OPTIONS : {}),
    // A preview frame and the print view present nothing: search, zoom and the console would only cost
    // time. An audience page has no console, and no search (it would move the page to what it finds).
    plugins: preview || mode === 'print' ? [] : audience ? [Zoom] : [Search, Zoom, SpeakerView],
  });
  const reveal = Reveal as unknown as RevealApi;
  if (preview) servePreview(reveal);
  else if (audience) followPresenter(reveal);
  return reveal;
}
