// Bundles the compiled CLI's `build` and `dev` paths (lib/cli.js, commands/build.js, commands/single-file.js,
// commands/dev.js with dev's compiler and Vite configuration, and everything they import statically, marked,
// js-yaml and d3 included) into one CommonJS file, lib/cli-bundle.cjs, which bin/chokepoint.js runs for those two
// commands with a V8 code cache (bin/bundled.js). Loading 100 ES modules cost ~150 ms of CPU per build; one
// script with cached bytecode ~25 ms. Every other import stays as it is: the other commands, the lazily
// required renderers (highlight.js, KaTeX, Mermaid), the `yaml` package (for what compile/yaml-tree.ts leaves to
// it) and Vite load from lib/ and node_modules at run time.
// lib/cli-bundle.json records each input's size, mtime and hash: a bundle whose
// inputs changed is not used (bin/bundled.js), so a `tsc` that changes lib/ can never run yesterday's code, nor
// a checkout whose package-lock.json changed the bundled packages.
//
// Run after `tsc -p tsconfig.node.json` (npm run compile, prepack, and bin/chokepoint.js in a checkout).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const lib = join(root, 'lib');
export const BUNDLE = join(lib, 'cli-bundle.cjs');
export const MANIFEST = join(lib, 'cli-bundle.json');
// Dynamic imports inlined: the build and dev commands (dev's compiler and Vite configuration too; Vite itself is
// imported at run time). Any other dynamic import loads its module at run time.
const INLINE = new Set(['commands/build.js', 'commands/single-file.js', 'commands/dev.js', 'vite/deck-compiler.js', 'vite/server.js'].map((f) => join(lib, f)));
// Packages bundled: the ones the build imports statically. Anything else is left to `require` at run time.
const BUNDLED_PACKAGES = /^(marked|js-yaml|d3-[a-z-]+|internmap)(\/|$)/;

const libPath = (id) => relative(lib, id).split('\\').join('/');

/** Rewrites what only an ES module in its own file has: import.meta, and dynamic imports left to run time. */
function rewrite(code, id) {
  const at = JSON.stringify(libPath(id));
  return code
    .replace(/\bimport\(\s*(['"])([^'"]+)\1\s*\)/g, (whole, _q, spec) => {
      const target = spec.startsWith('.') ? resolve(dirname(id), spec) : undefined;
      if (target && INLINE.has(target)) return whole;
      return `__chokepoint.import(${JSON.stringify(spec)}, ${at})`;
    })
    .replace(/\bimport\.meta\.url\b/g, `__chokepoint.url(${at})`)
    .replace(/\bimport\.meta\.resolve\(/g, `__chokepoint.resolve(`);
}

export async function bundleCli() {
  const { rolldown } = await import('rolldown');
  const problems = [];
  const bundle = await rolldown({
    input: join(lib, 'cli.js'),
    platform: 'node',
    logLevel: 'warn',
    onLog: (level, log) => problems.push(`${level}: ${log.message}`),
    external: (id) => id.startsWith('node:') || (!id.startsWith('.') && !id.startsWith('/') && !BUNDLED_PACKAGES.test(id)),
    plugins: [
      {
        name: 'chokepoint-lib-paths',
        transform(code, id) {
          if (!id.startsWith(lib)) return null;
          return { code: rewrite(code, id) };
        },
      },
    ],
  });
  const tmp = `${BUNDLE}.tmp-${process.pid}`;
  const { output } = await bundle.write({ file: tmp, format: 'cjs', codeSplitting: false, sourcemap: false });
  await bundle.close();
  const code = readFileSync(tmp, 'utf8');
  // Anything the rewrite missed would run with the wrong meaning in one file: refuse rather than guess.
  // A dynamic import left as it is would need vm's experimental module loader (and print its warning).
  if (problems.length > 0 || /\bimport\.meta\b|(?<![\w.])import\(/.test(code))
    throw new Error(`bundle-cli: ${problems.join('\n') || 'import.meta or a dynamic import() left in the bundle'}`);
  // Our modules decide whether the bundle is current. The packages inside it are the locked versions (the
  // published package pins them); in a checkout the lockfile stands for them, and an installed package has none.
  const stamp = (id, optional) => {
    const st = statSync(id);
    const entry = [relative(root, id).split('\\').join('/'), st.size, st.mtimeMs, createHash('sha256').update(readFileSync(id)).digest('hex').slice(0, 16)];
    return optional ? [...entry, 'optional'] : entry;
  };
  const inputs = output[0].moduleIds.filter((id) => id.startsWith(lib)).map((id) => stamp(id, false));
  if (existsSync(join(root, 'package-lock.json'))) inputs.push(stamp(join(root, 'package-lock.json'), true));
  const manifest = { hash: createHash('sha256').update(code).digest('hex').slice(0, 16), inputs };
  renameSync(tmp, BUNDLE);
  // The manifest last: a bundle without a matching manifest is never used.
  writeFileSync(`${MANIFEST}.tmp-${process.pid}`, `${JSON.stringify(manifest)}\n`);
  renameSync(`${MANIFEST}.tmp-${process.pid}`, MANIFEST);
  return { file: BUNDLE, bytes: code.length, inputs: inputs.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = performance.now();
  const r = await bundleCli();
  // stderr: `npm pack --json` runs this in prepack, and its stdout must stay JSON.
  console.error(
    `bundle-cli: ${relative(root, r.file)} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.inputs} modules) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
