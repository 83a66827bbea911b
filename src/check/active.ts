import { readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { displayUrl, urlNeedles, type Locator } from './locate.ts';
import type { CheckIssue, SlideFacts, SlideRef } from './types.ts';

type Located = SlideFacts & { ref: SlideRef };

// A script element, an event handler attribute, or a javascript: link: what would run if the SVG were a document.
const SVG_SCRIPT = /<script[\s>/]|\son[a-z]+\s*=|=\s*["']?\s*javascript:/i;

/**
 * Warnings for content that runs on its own: a frame, object or embed (a document outside the deck's
 * Content-Security-Policy), and any SVG file the deck uses that carries a script. `present`, `preview`
 * and `dev` serve such files sandboxed, without script; another web server may not.
 */
export function activeContentIssues(slides: readonly Located[], locate: Locator, base: string, outDir: string): CheckIssue[] {
  const issues: CheckIssue[] = [];
  const scripted = new Map<string, boolean>();
  for (const s of slides) {
    const at = (needles: string[]) => ({ file: s.file, line: locate.find(s.file, s.line, needles), slide: s.ref });
    for (const { tag, url } of s.frames) {
      const what = tag === 'background' ? 'a background iframe' : `an <${tag}>`;
      issues.push({
        ...at([...urlNeedles(url), `<${tag}`, 'data-background-iframe']),
        severity: 'warning',
        rule: 'active-content',
        code: 'active-content',
        message: `${what}${url ? ` shows \`${displayUrl(url)}\`` : ''}: a document of its own, outside the deck's Content-Security-Policy`,
        hint: '`present`, `preview` and `dev` show it sandboxed (no script runs in it); another web server may let it run. Prefer an image or a build-time chart, and frame only files you trust',
      });
    }
    for (const url of new Set(s.urls)) {
      const file = localFile(url, base, outDir);
      if (!file || !/\.svgz?$/i.test(file)) continue;
      if (!scripted.has(file)) scripted.set(file, hasScript(file));
      if (!scripted.get(file)) continue;
      const rel = url.slice(base.length);
      issues.push({
        ...at(urlNeedles(rel)),
        severity: 'warning',
        rule: 'active-content',
        code: 'active-content',
        message: `\`${displayUrl(rel)}\` contains a script or an event handler`,
        hint: "as an image it does not run, but framed or opened on its own it would (Chokepoint's servers block it; other hosts may not). Remove it: export the SVG again without scripts, or run it through svgo",
      });
    }
  }
  return issues;
}

/** The built file a URL of the check's server names, or undefined for any other URL. */
function localFile(url: string, base: string, outDir: string): string | undefined {
  if (!url.startsWith(base)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  const file = normalize(join(outDir, path));
  return file.startsWith(normalize(outDir) + sep) ? file : undefined;
}

function hasScript(file: string): boolean {
  try {
    return SVG_SCRIPT.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}
