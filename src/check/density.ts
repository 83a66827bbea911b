import type { CheckIssue, SlideFacts, SlideRef } from './types.ts';

/**
 * `density`: a slide whose body (title, source line, citation markers and notes aside) has more words than
 * front matter `maxWords:` allows. The audience reads or listens, not both: words past the limit go to the notes.
 */
export function densityIssues(slides: readonly (SlideFacts & { ref: SlideRef })[], maxWords: number): CheckIssue[] {
  return slides
    .filter((s) => s.words > maxWords)
    .map((s) => ({
      file: s.file,
      line: s.line,
      slide: s.ref,
      severity: 'warning',
      rule: 'density',
      code: 'density',
      message: `slide ${s.ref.number} has ${s.words} words of body, more than the ${maxWords} that \`maxWords\` allows`,
      hint: 'move the speech into the notes (`Note:`), split the slide, or turn a list into a chart or diagram',
    }));
}
