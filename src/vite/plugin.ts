import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { runtimeConfig, type RuntimeConfig } from '../compile/runtime-config.ts';
import { formatIssue, type DeckIssue } from '../compile/errors.ts';
import { SlideCache } from '../compile/slide-cache.ts';
import { compileInput } from '../node/compile.ts';
import { DeckRoot } from '../node/deck-root.ts';
import { assetHeaders } from '../browser/serve.ts';
import type { DevAccess } from './access.ts';
import { layOutDiagrams } from './diagrams-off-thread.ts';
import type { DevStatus } from './status.ts';

const VIRTUAL = 'virtual:deck';
const RESOLVED = '\0virtual:deck';
const DECK_FILE = /\.(md|markdown|ya?ml|csv|json|css)$/i;

interface Payload {
  html: string;
  title: string;
  styles: string[];
  config: RuntimeConfig;
  issues: DeckIssue[];
  version: number;
}

export interface PluginOptions {
  input: string;
  allowDirs?: readonly string[];
  /** Told the deck's files after each compile: the dev server serves those and nothing else of the user's. */
  access?: DevAccess;
  /** Problems of the runtime build (the built-in theme), shown with the deck's issues. */
  status?: DevStatus;
}

/**
 * Serves the compiled deck as `virtual:deck` and re-compiles it when any of its files changes.
 * A compile with errors keeps the last good slides and sends the errors along for the page to show.
 */
export function chokepointPlugin(options: PluginOptions): Plugin {
  const input = resolve(options.input);
  const allow = options.allowDirs ?? [];
  const root = new DeckRoot(options.input, allow);
  const inputDir = existsSync(input) && statSync(input).isDirectory() ? input : resolve(input, '..');
  let watched = new Set<string>();
  let compiledStamp = '';
  // Unchanged slides are not compiled again: a hot update costs the edited slide, not the deck.
  const cache = new SlideCache();
  let lastGood: Omit<Payload, 'issues' | 'version'> | undefined;
  let version = 0;

  const compile = (): Payload => {
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
    const deck = compileInput(options.input, assetUrl, cache, allow);
    watched = new Set(deck.files.map((f) => resolve(f)));
    options.access?.setFiles([...served, ...watched]);
    compiledStamp = stamp(watched, inputDir);
    version++;
    if (!deck.issues.some((i) => i.severity === 'error')) {
      lastGood = { html: root.relativeHtml(deck.html), title: deck.meta.title ?? 'Slides', styles: deck.styles, config: runtimeConfig(deck.meta) };
    }
    const shown = lastGood ?? {
      html: '<section><h2>The deck has errors</h2><p>Fix them and this page updates.</p></section>',
      title: 'Errors',
      styles: [],
      config: runtimeConfig(deck.meta),
    };
    return { ...shown, issues: [...(options.status?.runtimeIssues ?? []), ...deck.issues], version };
  };

  return {
    name: 'chokepoint',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      // Diagrams are laid out on a worker first: the compile then finds them done and the server stays responsive.
      await layOutDiagrams([...watched, ...deckFiles(input, inputDir)]);
      const payload = compile();
      for (const issue of payload.issues) this.warn(formatIssue(issue));
      // An empty map: Vite would otherwise attach a source map several times the size of the deck.
      return { code: `export default ${JSON.stringify(payload)};`, map: { mappings: '' } };
    },
    configureServer(server: ViteDevServer) {
      options.access?.bind(server.config.server.fs.allow);
      if (options.access) server.middlewares.use(options.access.guard);
      // The deck's files (images, SVGs, anything a slide frames) run sandboxed if opened as a document, as in `present`.
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').startsWith('/@fs/')) assetHeaders(res);
        next();
      });
      server.watcher.add(inputDir);
      const client = server.environments.client;
      let recheck: NodeJS.Timeout | undefined;
      const reload = () => {
        const mod = client.moduleGraph.getModuleById(RESOLVED);
        // A failed reload is reported by Vite in the page; it must not become an unhandled rejection.
        if (mod) client.reloadModule(mod).catch((e: unknown) => server.config.logger.error(String(e)));
      };
      options.status?.onChange(reload);
      const onChange = (file: string) => {
        const path = resolve(file);
        const inInput = path.startsWith(inputDir + sep) || path === input || path === inputDir;
        if (!watched.has(path) && !(inInput && DECK_FILE.test(path)) && path !== inputDir) return;
        reload();
        // The watcher drops a second change to a file within ~50 ms (editors and formatters save
        // twice): look again shortly after, and reload if the files differ from what was compiled.
        clearTimeout(recheck);
        recheck = setTimeout(() => {
          if (stamp(watched, inputDir) !== compiledStamp) reload();
        }, 250);
      };
      for (const event of ['change', 'add', 'unlink', 'addDir', 'unlinkDir'] as const) server.watcher.on(event, onChange);
      // A folder deleted and restored (`git switch`, a sync tool) drops out of the watcher, which then
      // misses every later save. A cheap look at sizes and times twice a second catches what it misses,
      // and watches the folder afresh once it is back.
      const poll = setInterval(() => {
        const now = stamp(watched, inputDir);
        if (now === compiledStamp) return;
        if (compiledStamp.includes('dir:gone') && !now.includes('dir:gone')) {
          server.watcher.unwatch(inputDir);
          server.watcher.add(inputDir);
        }
        reload();
      }, 500);
      poll.unref();
      server.httpServer?.on('close', () => clearInterval(poll));
    },
  };
}

/** Sizes and modification times of the deck's files and folder: cheap to take, changes on every save. */
function stamp(files: Set<string>, dir: string): string {
  const parts: string[] = [];
  const add = (path: string) => {
    try {
      const st = statSync(path);
      parts.push(`${path}:${st.size}:${st.mtimeMs}`);
    } catch {
      parts.push(`${path}:gone`);
    }
  };
  for (const f of [...files].sort()) add(f);
  try {
    for (const name of readdirSync(dir).sort()) if (DECK_FILE.test(name)) add(resolve(dir, name));
  } catch {
    parts.push('dir:gone');
  }
  return parts.join('|');
}

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
