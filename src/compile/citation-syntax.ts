/**
 * Pandoc citation syntax inside one pair of brackets: `@key`, `@key, p. 4`, `see @key, ch. 2`, and groups
 * `@a; @b` (also `@a, @b`, the older form). Returns null when the brackets hold no citation, so ordinary
 * bracketed text stays text.
 */
export interface CitationItem {
  key: string;
  /** Text before the key, e.g. `see`. */
  prefix: string;
  /** Text after the key, e.g. `p. 4`, `ch. 2`, `pp. 33–35`. */
  locator: string;
}

const KEY_CHAR = /[\w:./-]/;

/** Parses the text between `[` and `]`; `[@key]`-style brackets are what marked hands the cite extension. */
export function parseCitations(inner: string): CitationItem[] | null {
  if (!inner.includes('@')) return null;
  const items: CitationItem[] = [];
  for (const part of inner.split(';')) {
    // `@a, @b`: a comma followed by another key starts a new item, as `;` does.
    for (const piece of part.split(/,(?=\s*-?@)/)) {
      const at = piece.indexOf('@');
      // Pandoc: `@` starts a key only after a space, `[`, `;` or `-` (so `[x@y.com]` stays text).
      if (at < 0 || (at > 0 && !/[\s-]/.test(piece[at - 1]!))) return null;
      let prefix = piece.slice(0, at).trim();
      if (prefix.endsWith('-')) prefix = prefix.slice(0, -1).trim(); // `-@key` (suppress author) reads the same here
      let end = at + 1;
      while (end < piece.length && KEY_CHAR.test(piece[end]!)) end++;
      // Keys end before trailing punctuation (`@doe.` is the key `doe`).
      while (end > at + 1 && /[:./-]/.test(piece[end - 1]!)) end--;
      const key = piece.slice(at + 1, end);
      if (key === '' || /[[\]]/.test(prefix)) return null;
      const locator = piece
        .slice(end)
        .replace(/^\s*,?\s*/, '')
        .trim();
      items.push({ key, prefix, locator });
    }
  }
  return items.length > 0 ? items : null;
}
