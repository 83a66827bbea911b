import type { Tokens, TokenizerAndRendererExtension } from 'marked';
import { escapeHtml } from './html.ts';

/**
 * Image syntax beyond Markdown's: Pandoc attributes after an image, `![alt](x.png){width=60% .class}`, and
 * Marp's backgrounds, `![bg](x.jpg)` (fills the slide), `![bg left](x.jpg)`, `![bg right:40%](x.jpg)` (that side
 * of the slide; the words after the keywords are the alt text). The theme's images.css lays them out.
 */

interface ImageAttrsToken extends Tokens.Generic {
  type: 'imageAttrs';
  href: string;
  title: string | null;
  text: string;
  attrs: string;
}

// `![alt](src "title"){attrs}` with no line break: linear, each part excludes the next one's delimiter.
const IMAGE_ATTRS = /^!\[([^\]\n]*)\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+"([^"\n]*)")?\s*\)\{([^}\n]*)\}/;

/** The marked extension for an image with attributes; `render` draws the image as the plain one is drawn. */
export function imageAttrsExtension(render: (token: Tokens.Generic, image: Tokens.Image, attrs: string) => string): TokenizerAndRendererExtension {
  return {
    name: 'imageAttrs',
    level: 'inline',
    start: (src) => {
      const at = src.indexOf('![');
      return at < 0 ? undefined : at;
    },
    tokenizer(src) {
      const m = IMAGE_ATTRS.exec(src);
      if (!m) return undefined;
      return { type: 'imageAttrs', raw: m[0], href: m[2]!.replace(/^<|>$/g, ''), title: m[3] ?? null, text: m[1]!, attrs: m[4]! } satisfies ImageAttrsToken;
    },
    renderer(token) {
      const t = token as ImageAttrsToken;
      // No child tokens: marked then draws the alt text as plain text, without a parser.
      return render(t, { type: 'image', raw: t.raw, href: t.href, title: t.title, text: t.text } as Tokens.Image, t.attrs);
    },
  };
}

/** `60%`, `400px`, `400` (pixels), `12em`: a CSS length, or undefined for anything else. */
function cssLength(value: string): string | undefined {
  if (/^\d+(\.\d+)?(%|px|em|rem|vh|vw)$/.test(value)) return value;
  if (/^\d+(\.\d+)?$/.test(value)) return `${value}px`;
  return undefined;
}

/** Marp's background keywords at the start of the alt text: `bg`, then `left`/`right` with an optional `:40%`. */
const BACKGROUND = /^bg(?:\s+(left|right)(?::(\d{1,2}(?:\.\d+)?%))?)?(?:\s+|$)/;

/**
 * Adds what the alt text and the `{…}` attributes say to the `<img>` marked drew: classes, an id, width and
 * height as style (the theme keeps the aspect ratio), background classes; `slide` is the `.slide:` comment a
 * split background needs on its section.
 */
export function decorateImage(img: string, alt: string, attrs = ''): string {
  const classes: string[] = [];
  const style: string[] = [];
  let id = '';
  for (const m of attrs.matchAll(/([.#]?)([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+)))?/g)) {
    const [, sigil, name, ...values] = m;
    const value = values.find((v) => v !== undefined);
    if (sigil === '.') classes.push(name!);
    else if (sigil === '#') id = name!;
    else if ((name === 'width' || name === 'height') && value !== undefined && cssLength(value)) style.push(`${name}:${cssLength(value)}`);
  }
  let slide = '';
  let text = alt;
  const bg = BACKGROUND.exec(alt);
  if (bg) {
    text = alt.slice(bg[0].length);
    classes.push('bg', ...(bg[1] ? [`bg-${bg[1]}`] : []));
    if (bg[1]) slide = `<!-- .slide: class="bg-${bg[1]}"${bg[2] ? ` style="--bg-size:${bg[2]}"` : ''} -->`;
  }
  let out = img.replace(/ alt="[^"]*"/, ` alt="${escapeHtml(text)}"`);
  const extra =
    (id ? ` id="${escapeHtml(id)}"` : '') +
    (classes.length ? ` class="${escapeHtml(classes.join(' '))}"` : '') +
    (style.length ? ` style="${style.join(';')}"` : '') +
    (bg && text === '' ? ' role="presentation"' : '');
  out = out.replace(/^<img/, `<img${extra}`);
  return slide + out;
}

/** A background image's paragraph is dropped, so the image (and its `.slide:` comment) sits in the section itself. */
export function unwrapBackgrounds(html: string): string {
  return html.replace(/<p>((?:<!-- \.slide:[^>]*-->)?<img [^>]*\bclass="bg\b[^>]*>)\s*<\/p>/g, '$1');
}
