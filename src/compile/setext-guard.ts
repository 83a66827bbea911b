// marked tries its setext-heading rule (a line of text over `===` or `---`) before every paragraph, and that
// regex, with a lookahead at every line break, was marked's costliest block rule on slides (~12 ms of a
// 25-slide build). A setext heading needs its underline before the first blank line; when the text up to
// there has no line of only `=` or `-`, the rule cannot match, and marked's own rule is skipped.

const UNDERLINE = /\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/;

/** For marked's `tokenizer.lheading`: undefined (no heading) when no underline can follow, else false (run marked's rule). */
export function lheadingGuard(src: string): undefined | false {
  // The heading's text cannot hold a blank line (`\n` then only spaces and `\n`), so its underline ends by the first `\n\n`.
  const blank = src.indexOf('\n\n');
  return UNDERLINE.test(blank < 0 ? src : src.slice(0, blank + 1)) ? false : undefined;
}
