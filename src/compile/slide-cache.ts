import type { CompiledSlide } from './slide.ts';
import type { Citations } from './sources.ts';
import type { CompileHost } from './types.ts';

interface Entry {
  slide: CompiledSlide;
  /** Citations the slide made, in order, to replay so later slides get the same numbers. */
  cites: [key: string, file: string, line: number][];
  /** Files and assets it looked at, with what it found: a hit is valid only if they are unchanged. */
  reads: [kind: 'text' | 'asset', path: string, found: string | null][];
}

/**
 * Remembers compiled slides between compiles of the same deck, so an edit recompiles only the slides
 * that changed (the dev server's hot update). The caller owns it; the compiler stays pure.
 */
export class SlideCache {
  private entries = new Map<string, Entry>();
  private used = new Map<string, Entry>();
  private context = '';

  /** Starts a compile; a change of `context` (settings, sources) forgets everything. */
  begin(context: string): void {
    if (context !== this.context) this.entries.clear();
    this.context = context;
    this.used = new Map();
  }

  /** Returns the cached slide for `key` if its inputs are unchanged, else compiles it with `run` and keeps it. */
  compile(key: string, citations: Citations, host: CompileHost, run: (citations: Citations, host: CompileHost) => CompiledSlide): CompiledSlide {
    const hit = this.entries.get(key);
    if (hit?.reads.every(([kind, path, found]) => sameRead(host, kind, path, found))) {
      for (const [k, file, line] of hit.cites) citations.cite(k, file, line);
      this.used.set(key, hit);
      return hit.slide;
    }
    const entry: Entry = { slide: undefined as unknown as CompiledSlide, cites: [], reads: [] };
    const recording = Object.assign(Object.create(citations) as Citations, {
      cite: (k: string, file: string, line: number) => {
        const n = citations.cite(k, file, line);
        entry.cites.push([k, file, line]);
        return n;
      },
    });
    const recordingHost: CompileHost = {
      readText: (path) => {
        const t = host.readText(path);
        entry.reads.push(['text', path, t]);
        return t;
      },
      assetUrl: (path) => {
        const u = host.assetUrl(path);
        entry.reads.push(['asset', path, u]);
        return u;
      },
    };
    entry.slide = run(recording, recordingHost);
    this.used.set(key, entry);
    return entry.slide;
  }

  /** Ends a compile: slides that no longer exist are forgotten. */
  end(): void {
    this.entries = this.used;
  }
}

/** Whether a read gives what it gave before; a read that now fails is a change (the compile reports it). */
function sameRead(host: CompileHost, kind: 'text' | 'asset', path: string, found: string | null): boolean {
  try {
    return (kind === 'text' ? host.readText(path) : host.assetUrl(path)) === found;
  } catch {
    return false;
  }
}
