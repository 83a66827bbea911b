import { Marked, Renderer, type RendererExtension, type Token, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import { parseCitations, type CitationItem } from './citation-syntax.ts';
import { fenceHandler, type FenceContext } from './fence-handlers.ts';
import { fencedDivs } from './fenced-divs.ts';
import { renderCode, TooManyCells } from './highlight.ts';
import { ASSET_ATTR } from './html.ts';
import { decorateImage, imageAttrsExtension, unwrapBackgrounds } from './images.ts';
import { mathExtensions } from './math.ts';
import { lheadingGuard } from './setext-guard.ts';
import { SyntaxAtText } from './syntax-error.ts';

/** What the renderer needs from the slide being rendered. Lines are 0-based offsets into the rendered Markdown. */
export interface RenderContext extends FenceContext {
  /** Registers `[@key]` citations written at `line` and returns their deck numbers; `items` carry prefixes and locators. */
  cite(keys: string[], line: number, items?: CitationItem[]): number[];
  /** Each asset attribute (`src="…"`, see ASSET_ATTR) the output will hold, in order, with the line that wrote it. */
  asset?(url: string, line: number): void;
  /**
   * Reports what was written at `line` as a located error and returns what to render in its place, so the
   * rest of the slide is still checked (every mistake in one pass).
   */
  fail(line: number, code: string, message: string, hint: string): string;
}

interface CiteToken extends Tokens.Generic {
  type: 'cite';
  keys: string[];
  items: CitationItem[];
}

/** Creates the Markdown renderer: marked with the deck's extensions, on a local instance. */
export function createMarkdown(): (markdown: string, ctx: RenderContext) => string {
  let ctx: RenderContext | undefined;
  // Each token's line, from the parser's own token stream (see placeTokens), for exact error locations.
  let lines = new WeakMap<object, number>();
  const lineOf = (token: object) => lines.get(token) ?? 0;
  // Reports the asset attributes a piece of output holds, each with its own line.
  const assets = (html: string, line: number) => {
    let at = 0;
    for (const m of html.matchAll(ASSET_ATTR)) {
      line += newlines(html, at, m.index);
      at = m.index;
      ctx!.asset?.(m[2]!, line);
    }
    return html;
  };
  // How many fences of each handler the slide has had, for their `index`.
  let fences = new Map<string, number>();
  // A TeX or diagram error names the text it is about: locate it inside the token that holds it.
  const failAt = (token: Tokens.Generic, e: unknown): string => {
    if (!(e instanceof SyntaxAtText)) throw e;
    const at = token.raw.indexOf(e.needle);
    return ctx!.fail(lineOf(token) + (at < 0 ? 0 : newlines(token.raw, 0, at)) + e.offset, e.code, e.message, e.hint);
  };

  // Every image, with `{…}` attributes or without, is drawn the same way (marked's <img>, then ours on top).
  const image = (token: Tokens.Generic, alt: string, img: string, attrs = '') => assets(decorateImage(img, alt, attrs), lineOf(token));

  const cite: TokenizerAndRendererExtension = {
    name: 'cite',
    level: 'inline',
    // marked asks this before every text token with the rest of the paragraph: searching all of it was
    // quadratic (50k links in a paragraph took minutes). Text already stops at `[`, so a window suffices.
    start: (src) => src.slice(0, 64).indexOf('['),
    tokenizer(src) {
      // Pandoc syntax (`[@k, p. 4]`, `[@a; @b]`, `[see @k, ch. 2]`); a bracket followed by `(` or `[` is a link.
      const m = /^\[([^[\]\n]*)\](?![([])/.exec(src);
      const items = m ? parseCitations(m[1]!) : null;
      if (!m || !items) return undefined;
      return { type: 'cite', raw: m[0], keys: items.map((i) => i.key), items } satisfies CiteToken;
    },
    renderer(token) {
      const nums = ctx!.cite((token as CiteToken).keys, lineOf(token), (token as CiteToken).items);
      return `<span class="cite">[${nums.join(', ')}]</span>`;
    },
  };

  const marked = new Marked({
    gfm: true,
    tokenizer: { lheading: lheadingGuard },
    extensions: [
      cite,
      fencedDivs,
      imageAttrsExtension((token, img, attrs) => image(token, img.text, Renderer.prototype.image.call(new Renderer(), img), attrs)),
      ...mathExtensions().map((ext) => ({
        ...ext,
        renderer(this: unknown, token: Tokens.Generic) {
          try {
            return (ext as RendererExtension).renderer.call(this as never, token);
          } catch (e) {
            return failAt(token, e);
          }
        },
      })),
    ],
    renderer: {
      code(token) {
        const info = token.lang ?? '';
        const handler = fenceHandler(info);
        try {
          if (handler) {
            const index = fences.get(handler.name) ?? 0;
            fences.set(handler.name, index + 1);
            return handler.render(token.text, index, ctx!);
          }
          return renderCode(token.text, info);
        } catch (e) {
          if (!(e instanceof TooManyCells)) return failAt(token, e);
          return ctx!.fail(lineOf(token), 'code-too-long', e.message, 'use fewer steps, or show fewer lines');
        }
      },
      link(token) {
        // A script URL would be a live link in the PDF (the page's CSP covers only the browser).
        if (/^\s*(javascript|vbscript|data):/i.test(token.href)) {
          return ctx!.fail(
            lineOf(token),
            'unsafe-link',
            `the link \`${token.href.slice(0, 60)}\` runs a script or embeds data`,
            'link to an http(s) or mailto address, a slide (#/2) or a file',
          );
        }
        return false;
      },
      image(token) {
        return image(token, token.text, Renderer.prototype.image.call(this, token));
      },
      html(token) {
        return assets(token.text, lineOf(token));
      },
      listitem(item) {
        // `+` bullets make an incremental list: each item is a fragment.
        const fragment = /^\s*\+\s/.test(item.raw) ? ' class="fragment"' : '';
        return `<li${fragment}>${this.parser.parse(item.tokens)}</li>\n`;
      },
    },
  });

  return (markdown, context) => {
    ctx = context;
    fences = new Map();
    try {
      const tokens = marked.lexer(markdown);
      lines = new WeakMap();
      placeTokens(tokens, 0, lines);
      return unwrapBackgrounds(joinCitations(marked.parser(tokens)));
    } finally {
      ctx = undefined;
    }
  };
}

/**
 * Keeps a citation marker on the line of the word before it, and merges markers written side by side
 * (`[@a] [@b]`) into one sorted marker, as `[@a; @b]` gives.
 */
function joinCitations(html: string): string {
  // The lookbehind starts a match only where a whitespace run starts: without it, every position inside a long
  // run (a code block of spaces) retried the whole run, which is quadratic.
  return html.replace(/(?<!\s)\s*(?:<span class="cite">\[[\d, ]+\]<\/span>\s*)+/g, (run) => {
    const numbers = [...new Set([...run.matchAll(/\d+/g)].map((m) => Number(m[0])))].sort((a, b) => a - b);
    const after = /\s$/.test(run) ? ' ' : '';
    return `&#160;<span class="cite">[${numbers.join(', ')}]</span>${after}`;
  });
}

/**
 * Gives every token its line: a token starts where the raw text of the tokens before it ends, as marked consumes
 * them in order. Children start on their parent's line (block quotes and lists strip markers, never lines);
 * list items and table rows follow one another. A token whose raw text has no line break passes its line down
 * without counting, so deep inline nesting costs no more than its size.
 */
function placeTokens(tokens: readonly Token[] | undefined, line: number, lines: WeakMap<object, number>, flat = false): void {
  for (const t of tokens ?? []) {
    lines.set(t, line);
    const breaks = flat ? 0 : newlines(t.raw, 0, t.raw.length);
    if (t.type === 'list') {
      let at = line;
      for (const item of (t as Tokens.List).items) {
        lines.set(item, at);
        placeTokens(item.tokens, at, lines, breaks === 0);
        at += breaks === 0 ? 0 : newlines(item.raw, 0, item.raw.length);
      }
    } else if (t.type === 'table') {
      const table = t as Tokens.Table;
      for (const cell of table.header) placeTokens(cell.tokens, line, lines, true);
      table.rows.forEach((row, r) => {
        for (const cell of row) placeTokens(cell.tokens, line + 2 + r, lines, true);
      });
    } else if ('tokens' in t && Array.isArray(t.tokens)) {
      placeTokens(t.tokens as Token[], line, lines, breaks === 0);
    }
    line += breaks;
  }
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
