import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { notesWithoutMarked } from '../vite/notes-without-marked.ts';
import { packageRoot } from './paths.ts';

/** The browser runtime, bundled once: it does not depend on the slides, so builds reuse it. */
export interface RuntimeBundle {
  dir: string;
  /** Files relative to `dir`, in a stable order. */
  files: string[];
  scripts: string[];
  styles: string[];
  preload: string[];
  /** CSP sources for inline scripts the runtime needs (the speaker view's popup). */
  scriptHashes: string[];
}

const SOURCES = ['src/runtime', 'src/vite/notes-without-marked.ts', 'src/node/runtime-bundle.ts', 'src/compile/runtime-config.ts', 'src/compile/errors.ts', 'assets/theme', 'assets/fonts', 'package-lock.json'];

/** Returns the cached runtime bundle for the current sources, building it with Vite when missing. */
export async function runtimeBundle(): Promise<RuntimeBundle> {
  const key = sourceHash();
  const dir = join(packageRoot, 'node_modules', '.cache', 'chokepoint', `runtime-${key}`);
  const manifestPath = join(dir, 'runtime.json');
  if (!existsSync(manifestPath)) await buildRuntime(dir);
  return { dir, ...(JSON.parse(readFileSync(manifestPath, 'utf8')) as Omit<RuntimeBundle, 'dir'>) };
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => listFiles(join(packageRoot, s)))) {
    hash.update(relative(packageRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

async function buildRuntime(dir: string): Promise<void> {
  const { build } = await import('vite');
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await build({
    configFile: false,
    root: packageRoot,
    base: './',
    logLevel: 'warn',
    plugins: [notesWithoutMarked()],
    build: {
      outDir: tmp,
      emptyOutDir: true,
      manifest: 'manifest.json',
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rollupOptions: { input: join(packageRoot, 'src/runtime/main.ts') },
    },
  });
  const manifest = JSON.parse(readFileSync(join(tmp, 'manifest.json'), 'utf8')) as Record<string, { file: string; css?: string[]; imports?: string[]; isEntry?: boolean }>;
  const entry = Object.values(manifest).find((m) => m.isEntry)!;
  const files = listFiles(tmp).map((f) => relative(tmp, f).split('\\').join('/')).filter((f) => f !== 'manifest.json');
  const preload = (entry.imports ?? []).map((i) => manifest[i]!.file);
  const info = { files, scripts: [entry.file], styles: entry.css ?? [], preload, scriptHashes: speakerViewScriptHashes() };
  writeFileSync(join(tmp, 'runtime.json'), JSON.stringify(info, null, 2));
  mkdirSync(join(dir, '..'), { recursive: true });
  try {
    renameSync(tmp, dir);
  } catch {
    // Another process built the same runtime first; theirs is identical.
    rmSync(tmp, { recursive: true, force: true });
  }
  // Bundles of earlier sources are never used again (each theme edit in dev makes one).
  const cache = join(dir, '..');
  for (const name of readdirSync(cache)) {
    if (/^runtime-[0-9a-f]{16}$/.test(name) && join(cache, name) !== dir) rmSync(join(cache, name), { recursive: true, force: true });
  }
}

/**
 * reveal's speaker view writes its page, inline script included, into an about:blank popup, which
 * inherits the deck's Content-Security-Policy. Allowing exactly that script by hash keeps the policy
 * strict (no 'unsafe-inline') and the speaker view working.
 */
function speakerViewScriptHashes(): string[] {
  // Resolved, not joined to packageRoot: installed as a dependency, reveal.js sits in the project's node_modules.
  const notes = createRequire(import.meta.url).resolve('reveal.js/plugin/notes');
  const code = readFileSync(join(dirname(notes), 'notes.mjs'), 'utf8');
  const literal = /\.document\.write\(("(?:[^"\\]|\\.)*")\)/.exec(code)?.[1];
  if (!literal) throw new Error('reveal.js notes plugin changed shape: cannot find the speaker view page');
  // The literal is reveal's own source: evaluating it yields the exact text the popup parses.
  const html = new Function(`return ${literal};`)() as string;
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
}
