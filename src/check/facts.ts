import type { Locator } from './locate.ts';
import { displayUrl, urlNeedles } from './locate.ts';
import type { CheckIssue, SlideFacts, SlideRef } from './types.ts';

/** A request the page made that failed (an HTTP error or no answer), or that left the deck's own server. */
export interface FailedRequest {
  url: string;
  status: string;
  foreign: boolean;
}

type Located = SlideFacts & { ref: SlideRef };
const at = (s: Located, line = s.line) => ({ file: s.file, line, slide: s.ref });

/** Issues visible without showing the slides: alt text, SVG titles, notes, links, ids, scripts. */
export function factIssues(slides: readonly Located[], locate: Locator): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const firstWithId = new Map<string, Located>();
  for (const s of slides) {
    const find = (...needles: string[]) => locate.find(s.file, s.line, needles);
    for (const src of s.imagesWithoutAlt) {
      issues.push({
        ...at(s, find(...urlNeedles(src), '<img', '![')),
        severity: 'error',
        rule: 'alt',
        code: 'alt',
        message: `image \`${displayUrl(src)}\` has no alt text`,
        hint: 'describe what it shows: ![The Ascend 910C die](img/910c.jpg); a purely decorative image takes role="presentation"',
      });
    }
    for (const svg of s.svgsWithoutTitle) {
      issues.push({
        ...at(s, find('<svg', '```chart')),
        severity: 'error',
        rule: 'svg-title',
        code: 'svg-title',
        message: `${svg} has no <title>`,
        hint: 'give it a <title> as its first child (and a <desc>), or aria-hidden="true" if it is decoration',
      });
    }
    if (!s.hasNotes) {
      issues.push({
        ...at(s),
        severity: 'warning',
        rule: 'notes',
        code: 'notes',
        message: 'the slide has no speaker notes',
        hint: 'add a line `Note:` at the end of the slide, followed by what to say',
      });
    }
    for (const href of new Set(s.brokenLinks)) {
      issues.push({
        ...at(s, find(`(${href})`, `"${href}"`, href)),
        severity: 'error',
        rule: 'link',
        code: 'link',
        message: `\`${href}\` points to no slide or element`,
        hint: 'link to a slide as #/h or #/h/v (counted from 0), or to an id that exists in the deck',
      });
    }
    for (const id of s.ids) {
      const first = firstWithId.get(id);
      if (!first) {
        firstWithId.set(id, s);
        continue;
      }
      const where = first === s ? 'earlier on this slide' : `on slide ${first.ref.number} (${first.file}:${first.line})`;
      issues.push({
        ...at(s, find(`id="${id}"`, `#${id}`, id)),
        severity: 'error',
        rule: 'duplicate-id',
        code: 'duplicate-id',
        message: `id \`${id}\` is already used ${where}`,
        hint: "links and reveal's #/id navigation reach only the first: give each id once",
      });
    }
    for (const script of s.scripts) {
      issues.push({
        ...at(s, find('<script')),
        severity: 'warning',
        rule: 'script',
        code: 'script',
        message: `a <script>${script ? ` (${script})` : ''} in a slide runs in the presenter's browser`,
        hint: "inline scripts are also blocked by the built page's Content-Security-Policy; prefer a build-time chart or an image",
      });
    }
  }
  return issues;
}

/** Issues for failed and foreign requests, at the slide that loads the URL (or the deck, for theme files). */
export function requestIssues(failed: readonly FailedRequest[], slides: readonly Located[], locate: Locator, input: string): CheckIssue[] {
  const seen = new Set<string>();
  return failed
    .filter((r) => !seen.has(r.url) && seen.add(r.url))
    .map((r) => {
      const owner = slides.find((s) => s.urls.includes(r.url));
      const where = owner ? at(owner, locate.find(owner.file, owner.line, urlNeedles(r.url))) : { file: input, line: 0 };
      const shown = owner ? r.url.replace(/^https?:\/\/(127\.0\.0\.1|localhost):\d+/, '') : r.url;
      return r.foreign
        ? {
            ...where,
            severity: 'warning' as const,
            rule: 'asset',
            code: 'asset' as const,
            message: `\`${shown}\` is loaded from another host; the deck will not present offline`,
            hint: 'download the file next to the slides and use a relative path',
          }
        : {
            ...where,
            severity: 'error' as const,
            rule: 'asset',
            code: 'asset' as const,
            message: `\`${shown}\` failed to load (${r.status})`,
            hint: 'check the path: relative paths are resolved from the Markdown file; a path starting with / is left as written',
          };
    });
}
