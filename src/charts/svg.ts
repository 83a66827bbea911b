/** Attribute values; `undefined`, `null` and `false` leave the attribute out. */
export type Attrs = Record<string, string | number | boolean | undefined | null>;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in markup and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A number with at most two decimals, no trailing zeros and no "-0", so golden files
 * stay stable across platforms and tiny float noise never shows up in a diff.
 */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function attrs(list: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(list)) {
    if (value === undefined || value === null || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${typeof value === 'number' ? num(value) : esc(value)}"`;
  }
  return out;
}

/** Markup children; a list stands for its items, so data-sized lists are passed whole, never spread into arguments. */
export type Child = string | false | null | undefined | readonly string[];

/** An element; children are markup (already escaped), falsy children are skipped. */
export function el(tag: string, list: Attrs, ...children: Child[]): string {
  const inner = children
    .flat()
    .filter((c): c is string => typeof c === 'string' && c !== '')
    .join('');
  return inner === '' && VOID_OK.has(tag) ? `<${tag}${attrs(list)}/>` : `<${tag}${attrs(list)}>${inner}</${tag}>`;
}

// SVG elements that read best self-closed when empty; HTML elements always get a closing tag.
const VOID_OK = new Set(['circle', 'line', 'rect', 'path', 'polyline']);

/** A `<text>` element whose content is escaped here, so data can never inject markup. */
export function text(list: Attrs, content: string): string {
  return `<text${attrs(list)}>${esc(content)}</text>`;
}

/** A multi-line `<text>`: one `<tspan>` per line, `lineHeight` apart, escaped. */
export function lines(list: Attrs, content: readonly string[], x: number, lineHeight: number): string {
  const spans = content.map((line, i) => `<tspan x="${num(x)}"${i ? ` dy="${num(lineHeight)}"` : ''}>${esc(line)}</tspan>`);
  return `<text${attrs(list)}>${spans.join('')}</text>`;
}

/** A `<g>` that reveal.js steps through when `index` is given (fragments: true). */
export function group(className: string, index: number | undefined, ...children: Child[]): string {
  return styledGroup(className, undefined, index, ...children);
}

/** A `group` with an inline style (a mark's entity colour, `--series:#hex`). */
export function styledGroup(className: string, style: string | undefined, index: number | undefined, ...children: Child[]): string {
  return el('g', { class: index === undefined ? className : `${className} fragment`, style, 'data-fragment-index': index }, ...children);
}
