import { closest, type DeckIssue } from './errors.ts';
import { CLOSE, CODE, OPEN } from './fenced-divs.ts';

/**
 * Class names a fenced div may use without a warning: the theme's (assets/theme/deck.css) and reveal.js's own.
 * A deck adds its own with `classes:` in the front matter.
 */
export const KNOWN_CLASSES: readonly string[] = [
  // theme
  'columns',
  'column',
  'center',
  'big-number',
  'callout',
  'quote',
  'kicker',
  'muted',
  'sr-only',
  'no-chrome',
  // reveal.js
  'fragment',
  'fade-in',
  'fade-out',
  'fade-up',
  'fade-down',
  'fade-left',
  'fade-right',
  'fade-in-then-out',
  'fade-in-then-semi-out',
  'semi-fade-out',
  'current-visible',
  'grow',
  'shrink',
  'strike',
  'highlight-red',
  'highlight-green',
  'highlight-blue',
  'highlight-current-red',
  'highlight-current-green',
  'highlight-current-blue',
  'r-fit-text',
  'r-stretch',
  'r-stack',
  'r-frame',
  'r-hstack',
  'r-vstack',
  'nostretch',
];

/** Class names in a div's opening (`name` or `{.a .b #id key=v}`), with where each starts. */
function classesOf(spec: string): string[] {
  if (!spec.startsWith('{')) return [spec];
  return [...spec.slice(1, -1).matchAll(/(^|\s)(\.?)([\w-]+)(=?)/g)].filter((m) => m[2] === '.' || m[4] === '').map((m) => m[3]!);
}

/**
 * Reads a slide's fenced divs as the renderer will: an unclosed `:::` is an error at the line that opened it
 * (the div would swallow the rest of the slide), an unknown class a warning naming the closest known one.
 * `first` is the file line of the text's first line.
 */
export function checkDivs(text: string, file: string, first: number, own: readonly string[] = []): DeckIssue[] {
  const issues: DeckIssue[] = [];
  const known = [...KNOWN_CLASSES, ...own];
  const open: number[] = [];
  let fence = '';
  text.split('\n').forEach((line, i) => {
    const code = CODE.exec(line);
    if (fence) {
      if (code && code[1]![0] === fence[0] && code[1]!.length >= fence.length && line.trim() === code[1]) fence = '';
      return;
    }
    if (code) {
      fence = code[1]!;
      return;
    }
    if (CLOSE.test(line)) {
      open.pop();
      return;
    }
    const div = OPEN.exec(line);
    if (!div) return;
    open.push(first + i);
    for (const name of classesOf(div[2]!)) {
      if (known.includes(name)) continue;
      const near = closest(name, known);
      issues.push({
        file,
        line: first + i,
        severity: 'warning',
        code: 'unknown-class',
        message: `the class \`${name}\` is not styled by the theme`,
        hint: `${near ? `did you mean \`${near}\`? Or, if` : 'If'} your theme CSS styles it, list it in the front matter: \`classes: [${name}]\``,
      });
    }
  });
  for (const line of open) {
    issues.push({
      file,
      line,
      severity: 'error',
      code: 'unclosed-div',
      message: 'this `:::` div is never closed',
      hint: 'end it with a line `:::` (as many colons as it opened with, or more)',
    });
  }
  return issues;
}
