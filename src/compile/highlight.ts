import { escapeHtml } from './html.ts';
import { highlighterFor } from './lazy-libs.ts';

/** A code block whose line steps would repeat it too often; the slide compiler locates it. */
export class TooManyCells extends Error {}

/** Parsed fence info: `ts [1-2|4]`, `ts [712: 1-2]`, `ts []` (numbers, no highlight), or `ts`. */
export interface CodeInfo {
  lang: string;
  /** Highlight steps like ['1-2', '4']; undefined when the fence asks for no line numbers. */
  steps?: string[];
  firstLine: number;
}

/** Reads a fence info string with reveal.js's line-number syntax. */
export function parseCodeInfo(info: string): CodeInfo {
  // Read piece by piece: one regex with `\s*` on both sides of optional parts backtracked polynomially on blanks.
  const text = info.trim();
  const lang = /^\S*/.exec(text)![0];
  const rest = text.slice(lang.length).trimStart();
  const close = rest.startsWith('[') ? rest.indexOf(']') : -1;
  const inner = close < 0 ? '' : rest.slice(1, close);
  const start = /^\s*(\d+)\s*:/.exec(inner);
  const body = start ? inner.slice(start[0].length) : inner;
  if (close < 0 || !/^[\d,\s|-]*$/.test(body)) return /\[\s*\]/.test(info) ? { lang, steps: [''], firstLine: 1 } : { lang, firstLine: 1 };
  const steps = body.split('|').map((s) => s.replace(/\s+/g, ''));
  return { lang, steps, firstLine: Number(start?.[1] ?? 1) };
}

/** Most table cells (steps × lines) a code block with line steps may produce. */
export const MAX_STEP_CELLS = 200_000;

/**
 * Highlights code at build time, so the browser needs no highlighter. With line steps it emits the same
 * markup reveal's highlight plugin builds at run time: one <code> per step, later steps as fragments.
 */
export function renderCode(text: string, info: string): string {
  const { lang, steps, firstLine } = parseCodeInfo(info);
  const hljs = lang === '' ? undefined : highlighterFor(lang);
  const html = hljs ? hljs.highlight(text, { language: lang, ignoreIllegals: true }).value : escapeHtml(text);
  const cls = `hljs${lang ? ` language-${escapeHtml(lang)}` : ''}`;
  if (!steps) return `<pre class="code-wrapper"><code class="${cls}">${html}</code></pre>\n`;
  const lines = splitHighlightedLines(html);
  if (steps.length * lines.length > MAX_STEP_CELLS) {
    throw new TooManyCells(
      `a code block with ${steps.length} line steps × ${lines.length} lines repeats the code too often (at most ${MAX_STEP_CELLS.toLocaleString('en')} lines in all)`,
    );
  }
  const blocks = steps.map((step, i) => {
    const { lit, any } = lineSet(step, firstLine, lines.length);
    const has = any ? ' has-highlights' : '';
    const rows = lines
      .map((line, n) => {
        const num = n + firstLine;
        const hl = lit.has(num) ? ' class="highlight-line"' : '';
        return (
          `<tr${hl}><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${num}">${num}</td>` +
          `<td class="hljs-ln-line hljs-ln-code" data-line-number="${num}">${line || ' '}</td></tr>`
        );
      })
      .join('');
    return (
      `<code class="${cls}${has}${i > 0 ? ' fragment' : ''}" data-line-numbers="${escapeHtml(step)}">` +
      `<table class="hljs-ln"><tbody>${rows}</tbody></table></code>`
    );
  });
  return `<pre class="code-wrapper">${blocks.join('')}</pre>\n`;
}

/**
 * Expands `1-3,5` into the displayed line numbers it names, among the `count` lines from `first`. Ranges are
 * marked at their ends and summed once, so many long ranges cost no more than the lines they cover.
 */
function lineSet(step: string, first: number, count: number): { lit: Set<number>; any: boolean } {
  const depth = new Int32Array(count + 1);
  // Whether the step names any line at all, shown or not (reveal marks the block as highlighting then).
  let any = false;
  for (const part of step.split(',')) {
    if (part.trim() === '') continue; // `[]`: line numbers, nothing lit (Number('') would be line 0)
    const [a, b] = part.split('-').map(Number);
    if (!Number.isFinite(a)) continue;
    any ||= a! <= (Number.isFinite(b) ? b! : a!);
    const end = Math.min(Number.isFinite(b) ? b! : a!, a! + 9999, first + count - 1);
    const start = Math.max(a!, first);
    if (start > end) continue;
    depth[start - first]! += 1;
    depth[end - first + 1]! -= 1;
  }
  const lit = new Set<number>();
  for (let i = 0, on = 0; i < count; i++) if ((on += depth[i]!) > 0) lit.add(first + i);
  return { lit, any };
}

/** Splits highlighted HTML into lines, closing and reopening spans that cross a line break. */
function splitHighlightedLines(html: string): string[] {
  const out: string[] = [];
  const open: string[] = [];
  for (const raw of html.split('\n')) {
    let line = open.join('') + raw;
    for (const m of raw.matchAll(/<span[^>]*>|<\/span>/g)) {
      if (m[0] === '</span>') open.pop();
      else open.push(m[0]);
    }
    line += '</span>'.repeat(open.length);
    out.push(line);
  }
  if (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}
