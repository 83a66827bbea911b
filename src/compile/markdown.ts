import { Marked, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import { parseCitations, type CitationItem } from './citation-syntax.ts';
import { renderDiagram } from './diagram.ts';
import { fencedDivs } from './fenced-divs.ts';
import { renderCode } from './highlight.ts';
import { mathExtensions } from './math.ts';

/** What the renderer needs from the slide being rendered. */
export interface RenderContext {
  /** Renders a ```chart fence body; `index` counts chart fences in the slide from 0. */
  chart(source: string, index: number): string;
  /** Deck-unique prefix for ids in generated SVG (diagrams). */
  idPrefix?: string;
  /** Registers `[@key]` citations found in the text and returns their deck numbers; `items` carry prefixes and locators. */
  cite(keys: string[], raw: string, items?: CitationItem[]): number[];
}

interface CiteToken extends Tokens.Generic { type: 'cite'; keys: string[]; items: CitationItem[] }

/** Creates the Markdown renderer: marked with the deck's extensions, on a local instance. */
export function createMarkdown(): (markdown: string, ctx: RenderContext) => string {
  let ctx: RenderContext | undefined;
  let charts = 0;
  let diagrams = 0;

  const cite: TokenizerAndRendererExtension = {
    name: 'cite',
    level: 'inline',
    start: (src) => src.indexOf('['),
    tokenizer(src) {
      // Pandoc syntax (`[@k, p. 4]`, `[@a; @b]`, `[see @k, ch. 2]`); a bracket followed by `(` or `[` is a link.
      const m = /^\[([^[\]\n]*)\](?![([])/.exec(src);
      const items = m ? parseCitations(m[1]!) : null;
      if (!m || !items) return undefined;
      return { type: 'cite', raw: m[0], keys: items.map((i) => i.key), items } satisfies CiteToken;
    },
    renderer(token) {
      const nums = ctx!.cite((token as CiteToken).keys, token.raw, (token as CiteToken).items);
      return `<span class="cite">[${nums.join(', ')}]</span>`;
    },
  };

  const marked = new Marked({
    gfm: true,
    extensions: [cite, fencedDivs, ...mathExtensions()],
    renderer: {
      code({ text, lang }) {
        const info = lang ?? '';
        if (/^chart(\s|$)/.test(info)) return ctx!.chart(text, charts++);
        if (/^mermaid(\s|$)/.test(info)) return renderDiagram(text, `${ctx!.idPrefix ?? 'n'}-m${diagrams++}`);
        return renderCode(text, info);
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
    charts = 0;
    diagrams = 0;
    try {
      return joinCitations(marked.parse(markdown, { async: false }));
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
  return html.replace(/\s*(?:<span class="cite">\[[\d, ]+\]<\/span>\s*)+/g, (run) => {
    const numbers = [...new Set([...run.matchAll(/\d+/g)].map((m) => Number(m[0])))].sort((a, b) => a - b);
    const after = /\s$/.test(run) ? ' ' : '';
    return `&#160;<span class="cite">[${numbers.join(', ')}]</span>${after}`;
  });
}
