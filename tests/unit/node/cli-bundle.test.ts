import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';

const ROOT = join(import.meta.dirname, '../../..');
const tmp = tempDir('chokepoint-cli-bundle-');
// A copy of the package where npm installs it: in a project's node_modules, beside its dependencies, without
// tsconfig (not a checkout, so the CLI never recompiles it) and without package-lock.json.
const modules = join(tmp.path, 'project', 'node_modules');
const pkg = join(modules, 'chokepoint');
const deck = join(tmp.path, 'deck');

const DECK = `---
title: Bundle
---

# Code and a chart

\`\`\`ts
const x: number = 1; // a comment
\`\`\`

---

## A chart

\`\`\`chart
kind: column
title: Two quarters
data:
  - { q: Q1, v: 1.5 }
  - { q: Q2, v: 3 }
x: q
y: v
\`\`\`

Note: Say why.

---

## Maths and a picture

$$
E = mc^2
$$

![A dot](dot.svg)
`;

/** `chokepoint build` of the deck from the copy, with a cache folder of its own; what it printed, and the files in that cache. */
function build(out: string, cache: string): { stdout: string; cached: string[] } {
  const stdout = execFileSync(process.execPath, [join(pkg, 'bin/chokepoint.js'), 'build', deck, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, CHOKEPOINT_CACHE_DIR: cache },
  });
  return { stdout, cached: readdirSync(cache) };
}

/** The same build through lib/cli.js as modules, without the bundle. */
function buildUnbundled(out: string, cache: string): void {
  const script = `const { main } = await import(${JSON.stringify(join(pkg, 'lib/cli.js'))}); process.exitCode = await main(['build', ${JSON.stringify(deck)}, '--out', ${JSON.stringify(out)}]);`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, CHOKEPOINT_CACHE_DIR: cache } });
}

/** A new cache folder, with the runtime bundles (not the code cache) of `from`, if given. */
function newCache(name: string, from?: string): string {
  const dir = join(tmp.path, name);
  mkdirSync(dir);
  if (from)
    for (const entry of readdirSync(from))
      if (/^(runtime-[0-9a-f]{16}|katex-.*)$/.test(entry)) cpSync(join(from, entry), join(dir, entry), { recursive: true });
  return dir;
}

const tree = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => [join(d.parentPath, d.name).slice(dir.length), readFileSync(join(d.parentPath, d.name)).toString('base64')]),
  );

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: ROOT });
  for (const part of ['bin', 'lib', 'src', 'assets', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
  for (const dep of readdirSync(join(ROOT, 'node_modules'))) if (!dep.startsWith('.')) symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep));
  mkdirSync(deck);
  writeFileSync(join(deck, 'talk.md'), DECK);
  writeFileSync(join(deck, 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>');
}, 120_000);
afterAll(() => tmp.remove());

describe('`build` from the bundled CLI (lib/cli-bundle.cjs)', () => {
  it('writes the same site as lib/ unbundled, and keeps a code cache that the next build uses', () => {
    // A cold cache: the bundled build also makes the runtime bundle (Vite, imported from the bundle at run time).
    const cache = newCache('cache-a');
    const first = build(join(tmp.path, 'out-1'), cache);
    expect(first.stdout).toMatch(/Built 3 slides into/);
    // Only the bundled path writes a code cache: its presence proves the bundle ran.
    const v8 = first.cached.filter((f) => /^cli-bundle-[0-9a-f]{16}-build-v\d+.*\.v8$/.test(f));
    expect(v8).toHaveLength(1);
    const second = build(join(tmp.path, 'out-2'), cache);
    expect(second.cached).toEqual(first.cached);
    buildUnbundled(join(tmp.path, 'out-3'), newCache('cache-b', cache));
    const site = tree(join(tmp.path, 'out-3'));
    expect(Object.keys(site)).toContain('/index.html');
    expect(site['/index.html']).toBeDefined();
    expect(tree(join(tmp.path, 'out-1'))).toEqual(site);
    expect(tree(join(tmp.path, 'out-2'))).toEqual(site);
    const html = readFileSync(join(tmp.path, 'out-1', 'index.html'), 'utf8');
    for (const sign of ['hljs-keyword', '<svg', 'class="katex', 'assets/dot-']) expect(html).toContain(sign);
  }, 120_000);

  it('runs `dev` too: the first page comes from the bundle, Vite starts from it, and a code cache of its own is kept', async () => {
    const cache = newCache('cache-dev');
    const child = spawn(process.execPath, [join(pkg, 'bin/chokepoint.js'), 'dev', deck, '--port', '0'], {
      env: { ...process.env, CHOKEPOINT_CACHE_DIR: cache },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const until = async <T>(what: string, look: () => Promise<T | undefined> | T | undefined): Promise<T> => {
        for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
          const found = await look();
          if (found !== undefined) return found;
        }
        throw new Error(`no ${what}; dev printed:\n${output}`);
      };
      const url = await until('URL', () => /http:\/\/\S+\//.exec(output)?.[0]);
      const page = await (await fetch(url)).text();
      expect(page).toContain('Two quarters');
      // Written once Vite is up, and only by the bundled path.
      const v8 = await until('dev code cache', () => readdirSync(cache).find((f) => /^cli-bundle-[0-9a-f]{16}-dev-v\d+.*\.v8$/.test(f)));
      expect(v8).toBeDefined();
      const client = await fetch(new URL('/@vite/client', url));
      expect(client.status).toBe(200);
      expect(await client.text()).toContain('vite');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    }
  }, 120_000);
  it('is not used once a file it was made from changes: the build runs the changed lib/', () => {
    const cache = newCache('cache-c', join(tmp.path, 'cache-a'));
    appendFileSync(join(pkg, 'lib/commands/build.js'), '\n// changed after bundling\n');
    const source = readFileSync(join(pkg, 'lib/commands/build.js'), 'utf8');
    writeFileSync(join(pkg, 'lib/commands/build.js'), source.replace('`Built ${', '`Built (from lib) ${'));
    const { stdout, cached } = build(join(tmp.path, 'out-4'), cache);
    expect(stdout).toMatch(/Built \(from lib\) 3 slides into/);
    expect(cached.some((f) => f.endsWith('.v8'))).toBe(false);
  }, 120_000);
});
