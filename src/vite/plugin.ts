import { resolve, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { runtimeConfig, type RuntimeConfig } from '../compile/runtime-config.ts';
import type { DeckIssue } from '../compile/errors.ts';
import { compileInput } from '../node/compile.ts';
import { existsSync, statSync } from 'node:fs';

const VIRTUAL = 'virtual:deck';
const RESOLVED = '\0virtual:deck';
const DECK_FILE = /\.(md|markdown|ya?ml|csv|json)$/i;

interface Payload { html: string; title: string; config: RuntimeConfig; issues: DeckIssue[]; version: number }

/**
 * Serves the compiled deck as `virtual:deck` and re-compiles it when any of its files changes.
 * A compile with errors keeps the last good slides and sends the errors along for the page to show.
 */
export function chokepointPlugin(options: { input: string }): Plugin {
  const input = resolve(options.input);
  const inputDir = existsSync(input) && statSync(input).isDirectory() ? input : resolve(input, '..');
  let watched = new Set<string>();
  let lastGood: Omit<Payload, 'issues' | 'version'> | undefined;
  let version = 0;

  const compile = (): Payload => {
    const deck = compileInput(options.input, (path) => (existsSync(path) && statSync(path).isFile() ? `/@fs${toPosix(resolve(path))}` : null));
    watched = new Set(deck.files.map((f) => resolve(f)));
    version++;
    if (!deck.issues.some((i) => i.severity === 'error')) {
      lastGood = { html: deck.html, title: deck.meta.title ?? 'Slides', config: runtimeConfig(deck.meta) };
    }
    const shown = lastGood ?? { html: '<section><h2>The deck has errors</h2><p>Fix them and this page updates.</p></section>', title: 'Errors', config: runtimeConfig(deck.meta) };
    return { ...shown, issues: deck.issues, version };
  };

  return {
    name: 'chokepoint',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const payload = compile();
      for (const issue of payload.issues) this.warn(`${issue.file}:${issue.line}: ${issue.message}`);
      return `export default ${JSON.stringify(payload)};`;
    },
    configureServer(server: ViteDevServer) {
      server.watcher.add(inputDir);
      const onChange = (file: string) => {
        const path = resolve(file);
        const inInput = path.startsWith(inputDir + sep) || path === input;
        if (!watched.has(path) && !(inInput && DECK_FILE.test(path))) return;
        const mod = server.moduleGraph.getModuleById(RESOLVED);
        if (mod) void server.reloadModule(mod);
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
      server.watcher.on('unlink', onChange);
    },
  };
}

const toPosix = (p: string) => (sep === '\\' ? `/${p.split(sep).join('/')}` : p);
