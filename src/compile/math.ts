import type { Tokens, TokenizerAndRendererExtension } from 'marked';
import { blockStart } from './block-start.ts';
import { katexLib } from './lazy-libs.ts';
import { SyntaxAtText } from './syntax-error.ts';

/**
 * TeX math rendered at build time with KaTeX (HTML for the eye, MathML for screen readers), so the
 * browser needs KaTeX's stylesheet and fonts but none of its code.
 *
 * `$…$` is inline math by Pandoc's rule, which keeps prices as text: the opening `$` is followed by a
 * non-space, the closing `$` is preceded by a non-space and not followed by a digit (`$5.6M, not $6M`
 * stays text). `$$…$$` is display math. `\$` is a literal dollar (Markdown's own escape).
 */

interface MathToken extends Tokens.Generic { type: 'inlineMath' | 'blockMath'; tex: string; display: boolean }


// Linear: the body alternates an escape pair and one character that is neither `\` nor `$`, disjoint
// classes, and cannot run past the next `$`, so a failed attempt costs the distance to that `$`.
const INLINE = /^\$(?!\s)((?:\\[\s\S]|[^\\$])+?)(?<!\s)\$(?!\d)/;
const INLINE_DISPLAY = /^\$\$((?:\\[\s\S]|[^\\$])+?)\$\$/;
const BLOCK = /^ {0,3}\$\$[ \t]*\n?((?:\\[\s\S]|[^\\$]|\$(?!\$))+?)\$\$[ \t]*(?:\n|$)/;

/** Renders TeX to KaTeX's HTML + MathML; a parse error is located at the TeX, with KaTeX's message. */
export function renderMath(tex: string, display: boolean): string {
  const katex = katexLib();
  try {
    return katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false });
  } catch (e) {
    if (e instanceof katex.ParseError) {
      throw new SyntaxAtText(tex.split('\n').find((l) => l.trim() !== '')?.trim() ?? tex, `TeX error in \`${short(tex)}\`: ${e.message.replace(/^KaTeX parse error: /, '')}`,
        'math is KaTeX-flavoured TeX (katex.org/docs/supported); write \\$ for a literal dollar sign', 'math-error');
    }
    throw e;
  }
}

const short = (tex: string) => (tex.length > 40 ? `${tex.slice(0, 39)}…` : tex).replace(/\s+/g, ' ');

/** Marked extensions: display math as a block, inline and inline-display math in text. */
export function mathExtensions(): TokenizerAndRendererExtension[] {
  const render = (token: Tokens.Generic) => {
    const { tex, display, type } = token as MathToken;
    const html = renderMath(tex, display);
    // `$$…$$` inside a paragraph stays a span (KaTeX's display span is a block) so the <p> stays valid.
    return type === 'blockMath' ? `<div class="math math-display">${html}</div>\n` : `<span class="math ${display ? 'math-display' : 'math-inline'}">${html}</span>`;
  };
  return [
    {
      name: 'blockMath',
      level: 'block',
      start: (src) => blockStart(src, /^ {0,3}\$\$/m),
      tokenizer(src) {
        const m = BLOCK.exec(src);
        return m ? ({ type: 'blockMath', raw: m[0], tex: m[1]!.trim(), display: true } satisfies MathToken) : undefined;
      },
      renderer: render,
    },
    {
      name: 'inlineMath',
      level: 'inline',
      // A `$` after a backslash is Markdown's escaped dollar: leave it to marked's escape rule.
      start: (src) => {
        for (let i = src.indexOf('$'); i >= 0; i = src.indexOf('$', i + 1)) if (src[i - 1] !== '\\') return i;
        return undefined;
      },
      tokenizer(src) {
        const d = INLINE_DISPLAY.exec(src);
        if (d) return { type: 'inlineMath', raw: d[0], tex: d[1]!.trim(), display: true } satisfies MathToken;
        const m = INLINE.exec(src);
        return m ? ({ type: 'inlineMath', raw: m[0], tex: m[1]!, display: false } satisfies MathToken) : undefined;
      },
      renderer: render,
    },
  ];
}
