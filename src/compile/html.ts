/** Attributes that name a file the page loads, which the compiler resolves to asset URLs. */
export const ASSET_ATTR = /\b(src|poster|data-src|data-background-image|data-background-video)="([^"]*)"/g;

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Plain text of an HTML fragment (tags dropped, common entities decoded), for titles and outlines. */
export function textOf(html: string): string {
  return stripTags(removeElements(html, ['aside']))
    .replace(/&#160;|&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL-safe, lowercase slug of a title. */
export function slugify(text: string, max = 48): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/, '') || 'slide'
  );
}

/**
 * Removes each `<name …>…</name>` of the given names, as `/<(name)[\s\S]*?<\/\1>/g` would, in linear time:
 * that regex scans to the end from every unclosed `<name`, quadratic in raw HTML full of them. Here a name
 * with no closing tag left is not looked for again.
 */
export function removeElements(html: string, names: readonly string[]): string {
  const open = new RegExp(`<(${names.join('|')})`, 'g');
  const closed = new Set<string>();
  let out = '';
  let at = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const name = m[1]!;
    if (closed.has(name)) continue;
    const end = html.indexOf(`</${name}>`, m.index + m[0].length);
    if (end < 0) {
      closed.add(name);
      continue;
    }
    out += html.slice(at, m.index);
    at = end + name.length + 3;
    open.lastIndex = at;
  }
  return out + html.slice(at);
}

/** `html.replace(/<[^>]+>/g, '')` in linear time: once no `>` follows, no later `<` can start a tag. */
export function stripTags(html: string): string {
  let out = '';
  let at = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', lt + 1)) {
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    if (gt === lt + 1) continue;
    out += html.slice(at, lt);
    at = gt + 1;
    lt = gt;
  }
  return out + html.slice(at);
}
