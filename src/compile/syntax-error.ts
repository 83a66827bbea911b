/**
 * An error found while rendering Markdown (bad TeX, a broken diagram), before its line is known:
 * the renderer does not see line numbers, so it names the text to find, and the slide locates it.
 */
export class SyntaxAtText extends Error {
  constructor(
    /** Text to find in the slide's source; its first line is the error's line. */
    readonly needle: string,
    message: string,
    readonly hint: string,
    readonly code: string,
    /** Lines below the needle's first line (an error inside a diagram). */
    readonly offset = 0,
  ) {
    super(message);
  }
}
