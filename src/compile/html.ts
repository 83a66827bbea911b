/** Attributes that name a file the page loads, which the compiler resolves to asset URLs. */
export const ASSET_ATTR = /\b(src|poster|data-src|data-background-image|data-background-video)="([^"]*)"/g;

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Plain text of an HTML fragment (tags dropped, common entities decoded), for titles and outlines. */
export function textOf(html: string): string {
  return html
    .replace(/<aside[\s\S]*?<\/aside>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#160;|&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL-safe, lowercase slug of a title. */
export function slugify(text: string, max = 48): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '') || 'slide';
}
