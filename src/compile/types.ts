import type { DeckIssue } from './errors.ts';
import type { DeckMeta } from './frontmatter.ts';
import type { Source } from './sources.ts';

/** The only I/O the compiler may do, provided by the caller (src/node in practice). */
export interface CompileHost {
  /** Reads a text file named by a path relative to the working directory; null when it does not exist. */
  readText(path: string): string | null;
  /** The URL under which the page can load an asset file (an image), or null when it does not exist. */
  assetUrl(path: string): string | null;
}

/** One input Markdown file. */
export interface InputFile {
  file: string;
  text: string;
}

/** What the browser, the exporter and the checker need to know about one slide. */
export interface SlideInfo {
  /** Reveal's indices. */
  h: number;
  v: number;
  file: string;
  line: number;
  title: string;
  notes: string;
  /** `data-visibility="uncounted"`: left out of the slide numbers and their total, as reveal leaves it. */
  uncounted?: boolean;
  /** Asset URLs the slide loads, each with the line that names it. */
  assets?: [url: string, line: number][];
}

/** A compiled deck: HTML for `.reveal .slides`, plus everything about it. */
export interface Deck {
  meta: DeckMeta;
  html: string;
  slides: SlideInfo[];
  /** Sources in order of first citation. */
  sources: Source[];
  /** Errors and warnings; the deck is usable only when none is an error. */
  issues: DeckIssue[];
  /** Every file the deck was made from (Markdown, data, sources), for watching. */
  files: string[];
  /** URLs of the deck's own stylesheets (a `theme: x.css`), loaded after the built-in theme. */
  styles: string[];
}
