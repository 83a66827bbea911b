import type { DeckMeta } from './frontmatter.ts';

/** What the browser runtime needs besides the slides' HTML; serialised into the page as JSON. */
export interface RuntimeConfig {
  width: number;
  height: number;
  /** Reveal.initialize options from front matter, applied over the defaults. */
  reveal: Record<string, unknown>;
}

/** Derives the runtime's settings from the deck's front matter. */
export function runtimeConfig(meta: DeckMeta): RuntimeConfig {
  const reveal = { ...meta.reveal };
  if (meta.totalTime !== undefined && reveal.totalTime === undefined) reveal.totalTime = meta.totalTime;
  return { width: meta.width, height: meta.height, reveal };
}
