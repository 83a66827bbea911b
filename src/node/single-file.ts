import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { contentSecurityPolicy } from '../compile/page.ts';
import type { Deck } from '../compile/types.ts';
import { buildDeck, INTERRUPTED } from './build.ts';
import { displayPath } from './display-path.ts';
import { writeIssue } from './write-error.ts';
import { mediaType } from './media-types.ts';

export interface SingleFileResult {
  deck: Deck;
  ok: boolean;
  outFile: string;
  bytes: number;
}

/**
 * `build --single-file`: the regular build (src/node/build.ts), folded into one HTML file. Scripts and
 * stylesheets go inline, fonts, images and other assets become data URLs, and the CSP allows the inline
 * script by its hash (never 'unsafe-inline'). The file makes no request at all, so it presents from
 * file://, any host, a USB stick or an email attachment.
 */
export async function buildSingleFile(input: string, outFile: string, signal?: AbortSignal, allowDirs: readonly string[] = []): Promise<SingleFileResult> {
  const problem = outFileProblem(outFile);
  const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-single-'));
  try {
    const dist = join(tmp, 'dist');
    const built = await buildDeck(input, dist, { signal, allowDirs });
    // Interrupted: the command says so, naming the file rather than the temporary folder.
    if (signal?.aborted) return { deck: { ...built.deck, issues: built.deck.issues.filter((i) => i.code !== INTERRUPTED) }, ok: false, outFile, bytes: 0 };
    if (!built.ok) return { deck: built.deck, ok: false, outFile, bytes: 0 };
    if (problem) return { deck: { ...built.deck, issues: [...built.deck.issues, problem] }, ok: false, outFile, bytes: 0 };
    const html = Buffer.from(inline(dist));
    if (signal?.aborted) return { deck: built.deck, ok: false, outFile, bytes: 0 };
    // Written beside the target and renamed, so an interrupted build never leaves half a file.
    const part = `${outFile}.chokepoint-tmp`;
    try {
      writeFileSync(part, html);
      renameSync(part, outFile);
    } catch (e) {
      rmSync(part, { force: true });
      return {
        deck: { ...built.deck, issues: [...built.deck.issues, writeIssue(outFile, e, 'the deck', 'nothing was written')] },
        ok: false,
        outFile,
        bytes: 0,
      };
    }
    return { deck: built.deck, ok: true, outFile, bytes: html.length };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The built `dist/index.html` with everything it references folded in. */
export function inline(dist: string): string {
  let html = readFileSync(join(dist, 'index.html'), 'utf8');
  const hashes: string[] = [];
  html = html.replace(/<link rel="stylesheet" href="([^"]+)">/g, (_, href: string) => {
    const path = join(dist, decodeAttr(href));
    return `<style>${inlineCssUrls(readFileSync(path, 'utf8'), dirname(path)).replace(/<\/(style)/gi, '<\\/$1')}</style>`;
  });
  const scripts: string[] = [];
  html = html.replace(/<script defer src="([^"]+)"><\/script>\n?/g, (_, src: string) => {
    // `</script` and `<!--` only occur inside strings, regexes and comments, where `<\/` and `<\!` mean the same.
    const code = readFileSync(join(dist, decodeAttr(src)), 'utf8')
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/<!--/g, '<\\!--');
    hashes.push(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
    scripts.push(`<script>${code}</script>`);
    return '';
  });
  // An inline script cannot be deferred: it goes after the slides, where a deferred one would have run.
  const end = html.lastIndexOf('</body>');
  html = `${html.slice(0, end)}${scripts.join('\n')}\n${html.slice(end)}`;
  // Whatever the slides reference in assets/ (images, media, posters, backgrounds): its own data URL.
  const assets = join(dist, 'assets');
  for (const name of existsSync(assets) ? readdirSync(assets) : []) {
    const ref = `assets/${name}`;
    if (html.includes(ref)) html = html.split(ref).join(dataUrl(join(assets, name)));
  }
  return html.replace(
    /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(hashes)}">`,
  );
}

/** A stylesheet's `url(…)` references to local files, as data URLs (fonts, images). */
function inlineCssUrls(css: string, base: string): string {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, _q: string, ref: string) => {
    if (/^(data:|#|[a-z][\w+.-]*:)/i.test(ref)) return whole;
    const path = resolve(base, posix.normalize(decodeURIComponent(ref.split(/[?#]/)[0]!)));
    return existsSync(path) && statSync(path).isFile() ? `url("${dataUrl(path)}")` : whole;
  });
}

const dataUrl = (path: string) => `data:${mediaType(path)};base64,${readFileSync(path).toString('base64')}`;
const decodeAttr = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

// Never replace a file that is not a previous single-file build: `--out notes.html` must not eat the author's work.
function outFileProblem(outFile: string): DeckIssue | undefined {
  if (!existsSync(outFile))
    return existsSync(dirname(resolve(outFile)))
      ? undefined
      : {
          file: displayPath(outFile),
          line: 0,
          severity: 'error',
          code: 'out-dir-missing',
          message: 'the folder for the output file does not exist',
          hint: 'create it, or choose another --out',
        };
  const out = displayPath(outFile);
  if (!statSync(outFile).isFile())
    return {
      file: out,
      line: 0,
      severity: 'error',
      code: 'out-not-a-file',
      message: 'the output path exists and is not a file',
      hint: 'choose a file name with --out, e.g. --out deck.html',
    };
  const head = readFileSync(outFile, 'utf8').slice(0, 4000);
  return head.includes('<meta name="generator" content="Chokepoint">')
    ? undefined
    : {
        file: out,
        line: 0,
        severity: 'error',
        code: 'out-file-not-ours',
        message: 'the output file exists and is not a Chokepoint deck; refusing to replace it',
        hint: 'choose another --out, or delete the file first',
      };
}
