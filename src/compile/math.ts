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

interface MathToken extends Tokens.Generic {
  type: 'inlineMath' | 'blockMath';
  tex: string;
  display: boolean;
}

// Linear: the body alternates an escape pair and one character that is neither `\` nor `$`, disjoint
// classes, and cannot run past the next `$`, so a failed attempt costs the distance to that `$`.
const INLINE = /^\$(?!\s)((?:\\[\s\S]|[^\\$])+?)(?<!\s)\$(?!\d)/;
const INLINE_DISPLAY = /^\$\$((?:\\[\s\S]|[^\\$])+?)\$\$/;
const BLOCK = /^ {0,3}\$\$[ \t]*\n?((?:\\[\s\S]|[^\\$]|\$(?!\$))+?)\$\$[ \t]*(?:\n|$)/;

// Schemes a Markdown link refuses (markdown.ts): a script, or embedded data, would be live in the PDF.
const UNSAFE_SCHEME = /^(javascript|vbscript|data)$/i;
// Sizes beyond a slide (1920 px is 48 em at 40 px) only serve to stall the layout: KaTeX clamps to this.
const MAX_SIZE_EM = 100;
// Macro expansions per formula: KaTeX's own default, stated, so a recursive \def is an error and not a hang.
const MAX_EXPAND = 1000;

/**
 * Renders TeX to KaTeX's HTML + MathML; a parse error is located at the TeX, with KaTeX's message. `\href`
 * and `\url` follow the rules of Markdown links; the other commands KaTeX gates behind `trust` (\htmlClass,
 * \htmlId, \htmlStyle, \htmlData, \includegraphics) are errors at their line, where KaTeX would quietly
 * print their names in red and the build would succeed.
 */
export function renderMath(tex: string, display: boolean): string {
  const katex = katexLib();
  const refused: { command: string; url?: string }[] = [];
  const trust = (context: { command: string; url?: string; protocol?: string }) => {
    const link = context.command === '\\href' || context.command === '\\url';
    if (link && !UNSAFE_SCHEME.test(context.protocol ?? '')) return true;
    refused.push(context);
    return false;
  };
  let html: string;
  try {
    html = katex.renderToString(tex, {
      displayMode: display,
      output: 'htmlAndMathml',
      throwOnError: true,
      strict: 'ignore',
      trust,
      maxSize: MAX_SIZE_EM,
      maxExpand: MAX_EXPAND,
    });
  } catch (e) {
    if (e instanceof katex.ParseError) {
      throw new SyntaxAtText(
        tex
          .split('\n')
          .find((l) => l.trim() !== '')
          ?.trim() ?? tex,
        `TeX error in \`${short(tex)}\`: ${e.message.replace(/^KaTeX parse error: /, '')}`,
        'math is KaTeX-flavoured TeX (katex.org/docs/supported); write \\$ for a literal dollar sign',
        'math-error',
      );
    }
    throw e;
  }
  const first = refused[0];
  if (first) {
    const line =
      tex
        .split('\n')
        .find((l) => l.includes(first.command))
        ?.trim() ?? tex;
    if (first.command === '\\href' || first.command === '\\url') {
      throw new SyntaxAtText(
        line,
        `the link \`${(first.url ?? '').slice(0, 60)}\` in \`${short(tex)}\` runs a script or embeds data`,
        'link to an http(s) or mailto address, a slide (#/2) or a file',
        'unsafe-link',
      );
    }
    throw new SyntaxAtText(
      line,
      `TeX command ${first.command} is not supported in \`${short(tex)}\``,
      'HTML and image commands are not allowed in math: put classes, styles and images in the Markdown around it; \\href and \\url work',
      'math-unsupported',
    );
  }
  return html;
}

const short = (tex: string) => (tex.length > 40 ? `${tex.slice(0, 39)}…` : tex).replace(/\s+/g, ' ');

/** Marked extensions: display math as a block, inline and inline-display math in text. */
export function mathExtensions(): TokenizerAndRendererExtension[] {
  const render = (token: Tokens.Generic) => {
    const { tex, display, type } = token as MathToken;
    const html = renderMath(tex, display);
    // `$$…$$` inside a paragraph stays a span (KaTeX's display span is a block) so the <p> stays valid.
    return type === 'blockMath'
      ? `<div class="math math-display">${html}</div>\n`
      : `<span class="math ${display ? 'math-display' : 'math-inline'}">${html}</span>`;
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
