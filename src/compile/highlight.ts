import hljs from 'highlight.js/lib/common';
import { escapeHtml } from './html.ts';

/** Parsed fence info: `ts [1-2|4]`, `ts [712: 1-2]`, `ts []` (numbers, no highlight), or `ts`. */
export interface CodeInfo {
  lang: string;
  /** Highlight steps like ['1-2', '4']; undefined when the fence asks for no line numbers. */
  steps?: string[];
  firstLine: number;
}

/** Reads a fence info string with reveal.js's line-number syntax. */
export function parseCodeInfo(info: string): CodeInfo {
  const m = /^(\S*)\s*(?:\[(?:\s*(\d+)\s*:)?\s*([\d,\s|-]*)\])?/.exec(info.trim())!;
  const lang = m[1] ?? '';
  if (m[3] === undefined && m[2] === undefined && !/\[\s*\]/.test(info)) return { lang, firstLine: 1 };
  const steps = (m[3] ?? '').split('|').map((s) => s.replace(/\s+/g, ''));
  return { lang, steps, firstLine: Number(m[2] ?? 1) };
}

/**
 * Highlights code at build time, so the browser needs no highlighter. With line steps it emits the same
 * markup reveal's highlight plugin builds at run time: one <code> per step, later steps as fragments.
 */
export function renderCode(text: string, info: string): string {
  const { lang, steps, firstLine } = parseCodeInfo(info);
  const known = lang !== '' && hljs.getLanguage(lang) !== undefined;
  const html = known ? hljs.highlight(text, { language: lang, ignoreIllegals: true }).value : escapeHtml(text);
  const cls = `hljs${lang ? ` language-${escapeHtml(lang)}` : ''}`;
  if (!steps) return `<pre class="code-wrapper"><code class="${cls}">${html}</code></pre>\n`;
  const lines = splitHighlightedLines(html);
  const blocks = steps.map((step, i) => {
    const lit = lineSet(step);
    const has = lit.size > 0 ? ' has-highlights' : '';
    const rows = lines.map((line, n) => {
      const num = n + firstLine;
      const hl = lit.has(num) ? ' class="highlight-line"' : '';
      return `<tr${hl}><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${num}">${num}</td>` +
        `<td class="hljs-ln-line hljs-ln-code" data-line-number="${num}">${line || ' '}</td></tr>`;
    }).join('');
    return `<code class="${cls}${has}${i > 0 ? ' fragment' : ''}" data-line-numbers="${escapeHtml(step)}">` +
      `<table class="hljs-ln"><tbody>${rows}</tbody></table></code>`;
  });
  return `<pre class="code-wrapper">${blocks.join('')}</pre>\n`;
}

/** Expands `1-3,5` into the displayed line numbers it names. */
function lineSet(step: string): Set<number> {
  const set = new Set<number>();
  for (const part of step.split(',')) {
    if (part.trim() === '') continue; // `[]`: line numbers, nothing lit (Number('') would be line 0)
    const [a, b] = part.split('-').map(Number);
    if (!Number.isFinite(a)) continue;
    const end = Number.isFinite(b) ? b! : a!;
    for (let n = a!; n <= end && n - a! < 10000; n++) set.add(n);
  }
  return set;
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
