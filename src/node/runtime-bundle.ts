import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { moduleGraph } from './module-graph.ts';
import { packageRoot } from './paths.ts';

/** The browser runtime, bundled once: it does not depend on the slides, so builds reuse it. */
export interface RuntimeBundle {
  dir: string;
  /** Files relative to `dir`, in a stable order. */
  files: string[];
  /** Classic (non-module) scripts, so the page also runs from file://. */
  scripts: string[];
  styles: string[];
  /** Kept for page.ts' interface; a classic single-file bundle has nothing to preload. */
  preload: string[];
  /** CSP sources for inline scripts the runtime needs (none: the speaker console is the deck's own page). */
  scriptHashes: string[];
}

const ENTRY = 'src/runtime/main.ts';
// What the bundle is made of besides its modules: this build's settings, the theme and fonts, the packages' versions.
const INPUTS = ['src/node/runtime-bundle.ts', 'assets/theme', 'assets/fonts', 'package-lock.json'];

/** The files a runtime bundle is made from: every module the entry reaches (so a new import is never missed), then the inputs. */
export function runtimeSources(): string[] {
  const modules = [...moduleGraph([join(packageRoot, ENTRY)]).keys()].sort();
  return [...modules, ...INPUTS.flatMap((s) => listFiles(join(packageRoot, s)))];
}

/** Where bundles live; CHOKEPOINT_CACHE_DIR moves it (tests use a cold cache of their own). */
export const cacheDir = () => process.env.CHOKEPOINT_CACHE_DIR ?? join(packageRoot, 'node_modules', '.cache', 'chokepoint');

// One build per key per process: concurrent callers (a test starting a build and a dev server) share it.
const pending = new Map<string, Promise<void>>();

/** Returns the cached runtime bundle for the current sources, building it with Vite when missing. */
export async function runtimeBundle(): Promise<RuntimeBundle> {
  const key = runtimeKey();
  const dir = join(cacheDir(), `runtime-${key}`);
  const manifestPath = join(dir, 'runtime.json');
  if (!existsSync(manifestPath)) {
    let build = pending.get(dir);
    if (!build) {
      build = buildRuntime(dir).finally(() => pending.delete(dir));
      pending.set(dir, build);
    }
    await build;
  }
  return { dir, ...(JSON.parse(readFileSync(manifestPath, 'utf8')) as Omit<RuntimeBundle, 'dir'>) };
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of runtimeSources()) {
    hash.update(relative(packageRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

// The key as last computed, with the stats of every file it read and of the folders holding them (a new file
// changes its folder): a build that finds them all unchanged reuses the key instead of reading and hashing
// some 50 files again (~8 ms). ctime and inode change with any write, whatever a tool does to mtime.
interface KeyStamp {
  root: string;
  key: string;
  stats: [path: string, ...stat: number[]][];
}

const statOf = (path: string): number[] => {
  const st = statSync(path);
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
};

/** The cache key of the runtime bundle for the current sources (a hash of their contents). */
export function runtimeKey(): string {
  const stampFile = join(cacheDir(), 'runtime-key.json');
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as KeyStamp;
    const same = (path: string, stat: number[]) => statOf(path).every((v, i) => v === stat[i]);
    if (stamp.root === packageRoot && stamp.stats.every(([path, ...stat]) => same(path, stat))) return stamp.key;
  } catch {
    /* no stamp yet, or a file is gone: hash */
  }
  const files = runtimeSources();
  const folders = new Set(files.map((f) => dirname(f)));
  for (const input of INPUTS) for (const dir of listDirs(join(packageRoot, input))) folders.add(dir);
  // Stats first: a file edited while it is hashed then fails the check next time, never the other way round.
  const stats = [...files, ...folders].map((p): KeyStamp['stats'][number] => [p, ...statOf(p)]);
  const key = sourceHash();
  try {
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${stampFile}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
    writeFileSync(tmp, JSON.stringify({ root: packageRoot, key, stats } satisfies KeyStamp));
    renameSync(tmp, stampFile);
  } catch {
    /* a read-only cache: hash every time */
  }
  return key;
}

function listDirs(path: string): string[] {
  if (!existsSync(path) || !statSync(path).isDirectory()) return [];
  return [
    path,
    ...readdirSync(path, { withFileTypes: true, recursive: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(d.parentPath, d.name)),
  ];
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/**
 * Bundles src/runtime/main.ts into `dir` as one classic script (IIFE, nothing loaded lazily) plus its
 * CSS and fonts. Safe to run concurrently: every build writes its own temporary folder and renames it
 * into place; a build that loses the race drops its copy (the winner's is identical).
 */
export async function buildRuntime(dir: string): Promise<void> {
  const { build } = await import('vite');
  const tmp = `${dir}.tmp-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    await build({
      configFile: false,
      root: packageRoot,
      base: './',
      logLevel: 'warn',
      build: {
        outDir: tmp,
        emptyOutDir: true,
        manifest: 'manifest.json',
        assetsInlineLimit: 0,
        modulePreload: false,
        // One stylesheet file (a classic bundle would otherwise inject its CSS from JavaScript).
        cssCodeSplit: false,
        reportCompressedSize: false,
        rollupOptions: {
          input: join(packageRoot, ENTRY),
          // Rolldown's timing hint on a busy machine is noise in every test and build log.
          checks: { bundlerTimings: false },
          // A module script never runs from file:// (CORS); a classic one does.
          output: { format: 'iife', codeSplitting: false },
        },
      },
    });
    const manifest = JSON.parse(readFileSync(join(tmp, 'manifest.json'), 'utf8')) as Record<string, { file: string; css?: string[]; isEntry?: boolean }>;
    const entry = Object.values(manifest).find((m) => m.isEntry)!;
    const files = listFiles(tmp)
      .map((f) => relative(tmp, f).split('\\').join('/'))
      .filter((f) => f !== 'manifest.json');
    const styles = entry.css ?? files.filter((f) => f.endsWith('.css'));
    const info = { files, scripts: [entry.file], styles, preload: [], scriptHashes: [] };
    writeFileSync(join(tmp, 'runtime.json'), JSON.stringify(info, null, 2));
    mkdirSync(join(dir, '..'), { recursive: true });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another build finished first (the target exists and is not empty); theirs is identical.
      if (!existsSync(join(dir, 'runtime.json'))) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  removeStale(dir);
}

// Bundles of earlier sources are never used again (each theme edit in dev makes one), nor are the
// temporary folders of builds that crashed more than an hour ago.
function removeStale(dir: string): void {
  const cache = join(dir, '..');
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    const old = /^runtime-[0-9a-f]{16}$/.test(name) && path !== dir;
    const crashed = /^runtime-[0-9a-f]{16}\.tmp-/.test(name) && Date.now() - statSync(path).mtimeMs > 3_600_000;
    if (old || crashed) rmSync(path, { recursive: true, force: true });
  }
}
