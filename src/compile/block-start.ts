/**
 * Where a block extension could start inside the paragraph at the head of `src`, for marked's `start`
 * hook. marked asks once per paragraph with the whole rest of the slide: searching only up to the next
 * blank line (where the paragraph ends anyway) keeps a slide of many paragraphs linear.
 */
export function blockStart(src: string, line: RegExp): number | undefined {
  const end = src.indexOf('\n\n');
  const m = line.exec(end < 0 ? src : src.slice(0, end));
  return m?.index;
}
