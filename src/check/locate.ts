import { readFileSync } from 'node:fs';

/** Finds the Markdown line that wrote something, within the slide that holds it. */
export class Locator {
  private readonly lines = new Map<string, string[] | null>();
  /** Slide start lines per file, sorted, to know where each slide ends. */
  private readonly starts = new Map<string, number[]>();

  /** The compiler's own record of each slide's asset URLs and their lines, by `file:line` of the slide. */
  private readonly assets = new Map<string, [string, number][]>();

  constructor(slides: readonly { file: string; line: number; assets?: [string, number][] }[]) {
    for (const s of slides) this.assets.set(`${s.file}:${s.line}`, s.assets ?? []);
    for (const s of slides) this.starts.set(s.file, [...(this.starts.get(s.file) ?? []), s.line]);
    for (const list of this.starts.values()) list.sort((a, b) => a - b);
  }

  /** The first line of the slide starting at `line` in `file` that contains one of `needles` (tried in order); else `line`. */
  find(file: string, line: number, needles: readonly string[]): number {
    // An asset URL the compiler resolved has an exact line; a text search is the fallback for the rest.
    const path = needles[0] ? pathOf(needles[0]) : '';
    const asset = path ? this.assets.get(`${file}:${line}`)?.find(([url]) => path === pathOf(url) || path.endsWith(`/${pathOf(url)}`)) : undefined;
    if (asset) return asset[1];
    const text = this.read(file);
    if (!text) return line;
    const end = this.starts.get(file)?.find((l) => l > line) ?? text.length + 1;
    for (const needle of needles.filter(Boolean)) {
      for (let n = line; n < end && n <= text.length; n++) if (text[n - 1]!.includes(needle)) return n;
    }
    return line;
  }

  private read(file: string): string[] | null {
    if (!this.lines.has(file)) {
      let text: string[] | null = null;
      try {
        text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n');
      } catch {
        /* a file we cannot read: keep the slide line */
      }
      this.lines.set(file, text);
    }
    return this.lines.get(file)!;
  }
}

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url, 'http://x/').pathname).replace(/^\//, '');
  } catch {
    return url;
  }
}

/** A URL as the author wrote it, as far as it can be told: `assets/chip-1a2b3c4d.png` shows as `chip.png`. */
export function displayUrl(url: string): string {
  const m = /^assets\/(.+)-[0-9a-f]{8}(\.\w+)$/.exec(url);
  return m ? `${m[1]}${m[2]}` : url;
}

/** What an author may have written for a URL the build rewrote: `assets/chip-1a2b3c4d.png` was `…/chip.png`. */
export function urlNeedles(url: string): string[] {
  let path = url;
  try {
    path = decodeURIComponent(new URL(url, 'http://x/').pathname);
  } catch {
    /* keep it */
  }
  const base = path.split('/').pop() ?? '';
  const unhashed = /^(.+)-[0-9a-f]{8}(\.\w+)$/.exec(base);
  return [url, path, unhashed ? `${unhashed[1]}${unhashed[2]}` : base].filter((n) => n !== '');
}
