// Loads lib/cli-bundle.cjs (scripts/bundle-cli.mjs: the `build` and `dev` paths of lib/ as one script) with a V8
// code cache, so a build or a dev server does not spend its first ~150 ms of CPU resolving, parsing and compiling
// 170 modules. Returns
// undefined, and the caller imports lib/cli.js as usual, when the bundle is missing or any of its inputs changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const root = fileURLToPath(new URL('..', import.meta.url));
const lib = join(root, 'lib');
const bundleFile = join(lib, 'cli-bundle.cjs');
const manifestFile = join(lib, 'cli-bundle.json');

/** Whether every input is as bundled: same size and mtime, or else the same bytes (a `tsc` rewrites unchanged files). */
function fresh(manifest) {
  let touched = false;
  for (const input of manifest.inputs) {
    const [path, size, mtimeMs, hash, optional] = input;
    let st;
    try {
      st = statSync(join(root, path));
    } catch {
      // The lockfile is in a checkout only: an installed package has the bundled packages' locked versions inside.
      if (optional) continue;
      return false;
    }
    if (st.size === size && st.mtimeMs === mtimeMs) continue;
    if (
      st.size !== size ||
      createHash('sha256')
        .update(readFileSync(join(root, path)))
        .digest('hex')
        .slice(0, 16) !== hash
    )
      return false;
    input[2] = st.mtimeMs;
    touched = true;
  }
  // Same bytes under new times: remember the times, so the next run need not read the files again.
  if (touched) writeAtomic(manifestFile, `${JSON.stringify(manifest)}\n`);
  return true;
}

function writeAtomic(file, data) {
  try {
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    /* a read-only install: run without it */
  }
}

// Beside the runtime bundles (src/node/runtime-bundle.ts cacheDir); per Node version, as V8 rejects another's cache.
// One per command: each holds the functions its command ran, which is what the next run of it needs compiled.
const cacheFile = (hash, command) =>
  join(
    process.env.CHOKEPOINT_CACHE_DIR ?? join(root, 'node_modules', '.cache', 'chokepoint'),
    `cli-bundle-${hash}-${command}-${process.version}-${process.arch}.v8`,
  );

/**
 * The bundle's `main`, and `done()` to call once the command has run what it usually runs (`build`: when main
 * returned; `dev`: once Vite is up): it writes the code cache when there was none. Later calls do nothing.
 */
export function loadBundled(command) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (!fresh(manifest)) return undefined;
  } catch {
    return undefined;
  }
  const source = readFileSync(bundleFile, 'utf8');
  const cache = cacheFile(manifest.hash, command);
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    /* first run: made after it */
  }
  const libUrl = pathToFileURL(`${lib}/`);
  const resolveFromLib = createRequire(bundleFile);
  // What the bundle cannot do in one file: import.meta of the module it came from, and dynamic imports (made
  // here, by this ES module, so the script needs no vm module loader).
  const chokepoint = {
    url: (file) => new URL(file, libUrl).href,
    resolve: (spec) => import.meta.resolve(spec),
    import: (spec, from) => import(spec.startsWith('.') ? new URL(spec, new URL(from, libUrl)).href : import.meta.resolve(spec)),
  };
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __chokepoint) {${source}\n})`, {
    filename: bundleFile,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, resolveFromLib, module, bundleFile, lib, chokepoint);
  let written = false;
  const done = () => {
    if (written) return;
    written = true;
    if (cachedData && !script.cachedDataRejected) return;
    // After the run, so the cache holds the functions the build compiled too, not only the top level.
    const data = script.createCachedData();
    try {
      const dir = join(cache, '..');
      mkdirSync(dir, { recursive: true });
      // Caches of earlier bundles are never read again.
      for (const name of readdirSync(dir))
        if (/^(build-)?cli-(bundle-)?[0-9a-f]{16}-.*\.v8$/.test(name) && !name.startsWith(`cli-bundle-${manifest.hash}-`))
          rmSync(join(dir, name), { force: true });
    } catch {
      return;
    }
    writeAtomic(cache, data);
  };
  return { main: module.exports.main, done };
}
