/** What the Markdown compiler hands to the ```chart fence renderer. */
export interface ChartContext {
  /** Markdown file that holds the fence, as shown in errors. */
  file: string;
  /** 1-based line of the opening ```chart fence in `file`; the YAML body starts on line + 1. */
  line: number;
  /**
   * Reads a data file named relative to the Markdown file.
   * Returns null when it does not exist; `path` is what to show in messages.
   */
  readData(relPath: string): { path: string; text: string } | null;
  /**
   * Registers a citation of a sources.yaml key made at `line` and returns its short label
   * ("Reuters, 9 Jul 2025"), as plain text. Throws a DeckError for an unknown key.
   */
  cite(key: string, line: number): string;
  /** A prefix unique within the deck, for SVG ids (gradients, clip paths, aria). */
  idPrefix: string;
  /** Front matter `colors:` (entity name to #rrggbb); none when absent. */
  colors?: Readonly<Record<string, string>>;
}
