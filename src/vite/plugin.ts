import type { Server } from 'node:http';
import { resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { formatIssue } from '../compile/errors.ts';
import { assetHeaders } from '../browser/asset-policy.ts';
import type { DevAccess } from './access.ts';
import { DECK_FILE, DeckCompiler } from './deck-compiler.ts';
import type { DevStatus } from './status.ts';

const VIRTUAL = 'virtual:deck';
const RESOLVED = '\0virtual:deck';

export interface PluginOptions {
  input: string;
  allowDirs?: readonly string[];
  /** Told the deck's files after each compile: the dev server serves those and nothing else of the user's. */
  access?: DevAccess;
  /** Problems of the runtime build (the built-in theme), shown with the deck's issues. */
  status?: DevStatus;
  /** The compiler the first page was served from, before Vite was up (default: a new one). */
  compiler?: DeckCompiler;
  /** The server in front of Vite when Vite runs as its middleware (its own `httpServer` is then null). */
  httpServer?: Server;
}

/**
 * Serves the compiled deck as `virtual:deck` and re-compiles it when any of its files changes.
 * A compile with errors keeps the last good slides and sends the errors along for the page to show.
 */
export function chokepointPlugin(options: PluginOptions): Plugin {
  const deck = options.compiler ?? new DeckCompiler(options.input, options.allowDirs, options.access, options.status);
  const { input, inputDir } = deck;

  return {
    name: 'chokepoint',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const payload = await deck.next();
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
        if (!deck.watched.has(path) && !(inInput && DECK_FILE.test(path)) && path !== inputDir) return;
        reload();
        // The watcher drops a second change to a file within ~50 ms (editors and formatters save
        // twice): look again shortly after, and reload if the files differ from what was compiled.
        clearTimeout(recheck);
        recheck = setTimeout(() => {
          if (deck.changed()) reload();
        }, 250);
      };
      for (const event of ['change', 'add', 'unlink', 'addDir', 'unlinkDir'] as const) server.watcher.on(event, onChange);
      // A folder deleted and restored (`git switch`, a sync tool) drops out of the watcher, which then
      // misses every later save. A cheap look at sizes and times twice a second catches what it misses,
      // and watches the folder afresh once it is back.
      const poll = setInterval(() => {
        if (!deck.changed()) return;
        if (deck.folderWasGone && deck.folderIsBack()) {
          server.watcher.unwatch(inputDir);
          server.watcher.add(inputDir);
        }
        reload();
      }, 500);
      poll.unref();
      (options.httpServer ?? server.httpServer)?.on('close', () => clearInterval(poll));
    },
  };
}
