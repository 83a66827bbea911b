import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { runtimeConfig, type RuntimeConfig } from '../compile/runtime-config.ts';
import type { DeckIssue } from '../compile/errors.ts';
import { SlideCache } from '../compile/slide-cache.ts';
import { compileInput } from '../node/compile.ts';
import { findInput } from '../node/load.ts';
import { DeckRoot } from '../node/deck-root.ts';
import type { DevAccess } from './access.ts';
import { layOutDiagrams } from './diagrams-off-thread.ts';
import { stamp } from './deck-stamp.ts';
import type { DevStatus } from './status.ts';

export { DECK_FILE } from './deck-stamp.ts';

/** What the dev page is given: the last good slides, this compile's issues, and a version that grows per compile. */
export interface Payload {
  html: string;
  title: string;
  /** The deck's own stylesheets (`theme: x.css`), after the built-in theme. */
  styles: string[];
  config: RuntimeConfig;
  issues: DeckIssue[];
  /** Increases with every compile, so tests can wait for an update. */
  version: number;
  /** Only the slides of the deck's first file (see DeckCompiler.preview): the rest is on its way. */
  partial?: boolean;
}

/**
 * The deck as the dev server compiles it, shared by the first page (served before Vite is up) and
 * `virtual:deck`: one slide cache, one version count, one "last good deck". A compile with errors keeps
 * the last good slides and carries the errors for the page to show.
 */
export class DeckCompiler {
  readonly input: string;
  readonly inputDir: string;
  /** The deck's files as of the last compile (the watcher reloads on a change to any of them). */
  watched = new Set<string>();
  private compiledStamp = '';
  // Unchanged slides are not compiled again: a hot update costs the edited slide, not the deck.
  private readonly cache = new SlideCache();
  private readonly root: DeckRoot;
  private lastGood: Omit<Payload, 'issues' | 'version'> | undefined;
  private version = 0;
  private latest: { payload: Omit<Payload, 'issues'>; deckIssues: DeckIssue[] } | undefined;
  private handedOver = false;
  /** Every file of the deck the last compile read or named (sources and assets). */
  files: string[] = [];
  /** Called after each compile without errors, with the time it began (Date.now()). */
  onGood: ((payload: Payload, startedAt: number) => void) | undefined;
  // The first page's slides when it came from the page cache (page-cache.ts): a compile that yields the very
  // same keeps its version, 0, so the page is not redrawn when Vite takes it over.
  private seed: string | undefined;

  constructor(
    input: string,
    private readonly allow: readonly string[] = [],
    private readonly access?: DevAccess,
    private readonly status?: DevStatus,
    seed?: Payload,
  ) {
    if (seed) this.seed = seedOf(seed);
    this.input = resolve(input);
    this.root = new DeckRoot(input, allow);
    this.inputDir = existsSync(this.input) && statSync(this.input).isDirectory() ? this.input : resolve(this.input, '..');
  }

  /** Lays out the deck's diagrams on a worker (so the server stays responsive), then compiles. */
  async compile(): Promise<Payload> {
    await layOutDiagrams([...this.watched, ...deckFiles(this.input, this.inputDir)]);
    return this.compileNow();
  }

  /**
   * Slide 1 before the whole deck is compiled: the slides of the deck's first Markdown file alone, for the first
   * page when no page was kept (a first start, or the deck changed since). Compiling a 40-slide deck in a fresh
   * process takes a few hundred ms; its first file, a fraction of that. The page shows these slides without
   * slide numbers, and takes the whole deck over in place when Vite starts (src/runtime/dev.ts). Undefined
   * for a deck of one file, or when that file alone has errors: then the first page waits for the whole deck.
   */
  async preview(): Promise<Payload | undefined> {
    let files: string[];
    try {
      files = findInput(this.input).files;
    } catch {
      return undefined;
    }
    if (files.length < 2) return undefined;
    await layOutDiagrams([resolve(files[0]!)]);
    const { assetUrl, served } = this.assets();
    const deck = compileInput(this.input, assetUrl, undefined, this.allow, { firstFileOnly: true });
    if (deck.issues.some((i) => i.severity === 'error') || deck.slides.length === 0) return undefined;
    this.access?.setFiles([...new Set([...served, ...deck.files.map((f) => resolve(f))])]);
    const payload = { html: this.root.relativeHtml(deck.html), title: deck.meta.title ?? 'Slides', styles: deck.styles, config: runtimeConfig(deck.meta) };
    return { ...payload, version: 0, issues: [], partial: true };
  }

  /**
   * The payload for `virtual:deck`: the first time, the compile the first page was made from, if no file
   * changed since (so the page keeps its slides: same version); otherwise a fresh compile.
   */
  async next(): Promise<Payload> {
    const first = !this.handedOver;
    this.handedOver = true;
    if (first && this.latest && !this.changed()) return this.withIssues(this.latest);
    return this.compile();
  }

  /** True when a file of the deck (or the folder's list of deck files) differs from what was compiled. */
  changed(): boolean {
    return stamp(this.watched, this.inputDir) !== this.compiledStamp;
  }

  /** True when the folder of the deck was gone at the last compile (it drops out of the watcher). */
  get folderWasGone(): boolean {
    return this.compiledStamp.includes('dir:gone');
  }

  folderIsBack(): boolean {
    return !stamp(this.watched, this.inputDir).includes('dir:gone');
  }

  /** How a compile names the deck's files in the page, and the files it so named. */
  private assets(): { assetUrl: (real: string) => string; served: Set<string> } {
    const served = new Set<string>();
    // The modification time in the URL makes the page fetch an image or stylesheet again when it changes.
    const assetUrl = (real: string) => {
      served.add(real);
      let version = 0;
      try {
        version = Math.round(statSync(real).mtimeMs);
      } catch {
        /* removed since it was checked: the next compile says so */
      }
      // Each segment escaped: a `#` or `?` in a file name would otherwise end the path (access.ts decodes it).
      return `/@fs${toPosix(real).split('/').map(encodeURIComponent).join('/')}?v=${version}`;
    };
    return { assetUrl, served };
  }

  private compileNow(): Payload {
    const startedAt = Date.now();
    const { assetUrl, served } = this.assets();
    const deck = compileInput(this.input, assetUrl, this.cache, this.allow);
    this.watched = new Set(deck.files.map((f) => resolve(f)));
    this.files = [...new Set([...served, ...this.watched])];
    this.access?.setFiles(this.files);
    this.compiledStamp = stamp(this.watched, this.inputDir);
    // A file saved while the compile ran may have been read before the save: then the deck counts as changed
    // (the next look recompiles), since before Vite's watcher runs no event would tell of that save.
    const endedAt = Date.now();
    if (this.files.some((f) => savedBetween(f, startedAt, endedAt))) this.compiledStamp = 'saved during the compile';
    const good = !deck.issues.some((i) => i.severity === 'error');
    if (good) {
      this.lastGood = {
        html: this.root.relativeHtml(deck.html),
        title: deck.meta.title ?? 'Slides',
        styles: deck.styles,
        config: runtimeConfig(deck.meta),
      };
    }
    const shown = this.lastGood ?? {
      html: '<section><h2>The deck has errors</h2><p>Fix them and this page updates.</p></section>',
      title: 'Errors',
      styles: [],
      config: runtimeConfig(deck.meta),
    };
    const same = this.version === 0 && this.seed !== undefined && this.seed === seedOf(shown);
    if (!same) this.version++;
    this.seed = undefined;
    this.latest = { payload: { ...shown, version: this.version }, deckIssues: deck.issues };
    const payload = this.withIssues(this.latest);
    if (good) this.onGood?.(payload, startedAt);
    return payload;
  }

  // The runtime's issues are read when the payload is handed out: a theme fixed since still clears them.
  private withIssues({ payload, deckIssues }: NonNullable<DeckCompiler['latest']>): Payload {
    return { ...payload, issues: [...(this.status?.runtimeIssues ?? []), ...deckIssues] };
  }
}

function savedBetween(path: string, from: number, to: number): boolean {
  try {
    const t = statSync(path).mtimeMs;
    return t >= from && t <= to + 1;
  } catch {
    return false;
  }
}

const seedOf = (p: Omit<Payload, 'issues' | 'version'>) => JSON.stringify([p.html, p.title, p.styles, p.config]);

const toPosix = (p: string) => (sep === '\\' ? `/${p.split(sep).join('/')}` : p);

/** The Markdown the deck may be made of before its first compile: the input file, or the folder's files. */
function deckFiles(input: string, dir: string): string[] {
  if (input !== dir) return [input];
  try {
    return readdirSync(dir).map((name) => resolve(dir, name));
  } catch {
    return [];
  }
}
