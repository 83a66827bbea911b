/**
 * What each export format writes, as plain data: the usage text, the out-guard and the pre-flight read it here, and
 * `formats.ts` adds how to run it. No imports, so `export/` can read it without a circle through the commands.
 */
export interface FormatSpec {
  /** The command name, and the extension of a single-file output. */
  readonly name: string;
  /** The usage line after `<name> [input]`. */
  readonly summary: string;
  /** `--out` when none is given. */
  readonly defaultOut: string;
  /** A single file whose first bytes prove an existing `--out` is one we may replace; a folder has no magic. */
  readonly file?: {
    readonly magic: string;
    /** "not <a>": what an existing file is not. */
    readonly a: string;
    /** "overwrite it with <the>". */
    readonly the: string;
    /** "give <fileName>" when `--out` is a folder. */
    readonly fileName: string;
  };
  /** Flags only this format reads (booleans), with their help in the usage text. */
  readonly flags: readonly { readonly name: string; readonly help: string }[];
}

export const FORMAT_SPECS = [
  {
    name: 'pdf',
    summary: 'export a PDF: one page per slide (needs Chromium or Chrome)',
    defaultOut: 'deck.pdf',
    file: { magic: '%PDF-', a: 'a PDF', the: 'the PDF', fileName: "the PDF's file name" },
    flags: [
      { name: 'notes', help: 'a notes page after each slide' },
      { name: 'handout', help: 'one A4 sheet per slide with the slide, its notes, deck title and slide number' },
      { name: 'fragments', help: 'one page per fragment step instead of the final state' },
    ],
  },
  {
    name: 'png',
    summary: "export one PNG per slide at the deck's size, named 001-<title>.png",
    defaultOut: 'png',
    flags: [],
  },
  {
    name: 'pptx',
    summary: 'export PowerPoint: editable text, tables and native charts with their data, notes',
    defaultOut: 'deck.pptx',
    // A .pptx is a zip.
    file: { magic: 'PK\x03\x04', a: 'a PowerPoint file', the: 'the PowerPoint file', fileName: "the presentation's file name" },
    flags: [],
  },
] as const satisfies readonly FormatSpec[];

export type FormatName = (typeof FORMAT_SPECS)[number]['name'];
/** A format that writes one file (the out-guard and the `--out` pre-flight apply). */
export type OutFormat = Extract<(typeof FORMAT_SPECS)[number], { file: object }>['name'];

export const formatSpec = (name: FormatName): FormatSpec => FORMAT_SPECS.find((f) => f.name === name)!;

/** The file facts of a single-file format. */
export const fileSpec = (name: OutFormat) => formatSpec(name).file!;
