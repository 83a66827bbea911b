/** A tiny reader for the SVG the charts emit (tests only; the output is regular, so regexes do). */
export interface Elem {
  tag: string;
  attrs: Record<string, string>;
  /** Text content with tags stripped and entities left as written. */
  text: string;
}

function attrsOf(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/** Elements named `tag` whose class list contains every class in `cls` (space-separated). */
export function find(html: string, tag: string, cls = ''): Elem[] {
  const want = cls.split(' ').filter(Boolean);
  const re = new RegExp(`<${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g');
  return [...html.matchAll(re)]
    .map((m) => ({ tag, attrs: attrsOf(m[1]!), text: (m[2] ?? '').replace(/<[^>]+>/g, '') }))
    .filter((e) => want.every((c) => (e.attrs.class ?? '').split(' ').includes(c)));
}

/** The inner markup of each `<g>` whose class list contains `cls` (no nested groups in our output). */
export function groups(html: string, cls: string): { attrs: Record<string, string>; inner: string }[] {
  return [...html.matchAll(/<g\b([^>]*)>([\s\S]*?)<\/g>/g)]
    .map((m) => ({ attrs: attrsOf(m[1]!), inner: m[2]! }))
    .filter((g) => (g.attrs.class ?? '').split(' ').includes(cls));
}

/** Numeric attribute. */
export function n(e: Elem, name: string): number {
  return Number(e.attrs[name]);
}

/** Parses a tick label like "$1,200", "−3" or "45%" into its number. */
export function tickValue(label: string): number {
  return Number(label.replace(/−/g, '-').replace(/[^0-9.eE+-]/g, ''));
}
