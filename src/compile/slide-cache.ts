import type { CompiledSlide } from './slide.ts';
import type { Citations } from './sources.ts';
import type { CompileHost } from './types.ts';

export interface Entry {
  slide: CompiledSlide;
  /** Citations the slide made, in order, to replay so later slides get the same numbers. */
  cites: [key: string, file: string, line: number][];
  /** Files and assets it looked at, with what it found: a hit is valid only if they are unchanged. */
  reads: [kind: 'text' | 'asset', path: string, found: string | null][];
}

/** A cache as it is kept between processes (src/node/build-cache.ts). */
export interface CacheSnapshot {
  context: string;
  entries: [key: string, entry: Entry][];
}

/**
 * Remembers compiled slides between compiles of the same deck, so an edit recompiles only the slides
 * that changed (the dev server's hot update, and `build` again after an edit). The caller owns it; the
 * compiler stays pure. `digest`, when given, stands for the text the slides read and the context (a cache
 * kept on disk holds digests, not copies of the deck's data).
 */
export class SlideCache {
  private entries = new Map<string, Entry>();
  private used = new Map<string, Entry>();
  private context = '';
  /** Whether the last compile compiled any slide (a kept cache then needs writing again). */
  changed = false;

  constructor(
    private readonly digest: (text: string) => string = (text) => text,
    snapshot?: CacheSnapshot,
  ) {
    if (snapshot) {
      this.context = snapshot.context;
      this.entries = new Map(snapshot.entries);
    }
  }

  /** Starts a compile; a change of `context` (settings, sources) forgets everything. */
  begin(context: string): void {
    const digested = this.digest(context);
    if (digested !== this.context) this.entries.clear();
    this.context = digested;
    this.used = new Map();
    this.changed = false;
  }

  /** What a later process needs to take the cache up: the slides of the last compile. */
  snapshot(): CacheSnapshot {
    return { context: this.context, entries: [...this.entries] };
  }

  /** Returns the cached slide for `key` if its inputs are unchanged, else compiles it with `run` and keeps it. */
  compile(key: string, citations: Citations, host: CompileHost, run: (citations: Citations, host: CompileHost) => CompiledSlide): CompiledSlide {
    const hit = this.entries.get(key);
    if (hit?.reads.every(([kind, path, found]) => sameRead(host, kind, path, found, this.digest))) {
      for (const [k, file, line] of hit.cites) citations.cite(k, file, line);
      this.used.set(key, hit);
      return hit.slide;
    }
    this.changed = true;
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
        entry.reads.push(['text', path, t === null ? null : this.digest(t)]);
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
    if (this.used.size !== this.entries.size) this.changed = true;
    this.entries = this.used;
  }
}

/** Whether a read gives what it gave before; a read that now fails is a change (the compile reports it). */
function sameRead(host: CompileHost, kind: 'text' | 'asset', path: string, found: string | null, digest: (text: string) => string): boolean {
  try {
    if (kind === 'asset') return host.assetUrl(path) === found;
    const text = host.readText(path);
    return (text === null ? null : digest(text)) === found;
  } catch {
    return false;
  }
}
