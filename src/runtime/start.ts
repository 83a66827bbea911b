import Reveal from 'reveal.js';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import type { RevealApi } from 'reveal.js';
import type { RuntimeConfig } from '../compile/runtime-config.ts';
import { SpeakerView } from './speaker.ts';
import 'reveal.js/reset.css';
import 'reveal.js/reveal.css';
import '../../assets/theme/index.css';

declare global {
  interface Window { Reveal: RevealApi }
}

/** Initialises Reveal on the slides already in `.reveal .slides`; resolves once it is ready. */
export async function startDeck(config: RuntimeConfig): Promise<RevealApi> {
  window.Reveal = Reveal as unknown as RevealApi;
  const print = /print-pdf/.test(location.search);
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
    ...(print ? { transition: 'none', autoAnimate: false } : {}),
    plugins: [Search, Zoom, SpeakerView],
  });
  return Reveal as unknown as RevealApi;
}
