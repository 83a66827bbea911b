import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, tempDir } from './helpers.ts';
import { THRESHOLDS } from '../fidelity/compare.ts';
import { expectClose } from '../fidelity/harness.ts';
import * as render from '../fidelity/render.ts';

const run = promisify(execFile);
const tmp = tempDir('chokepoint-pack-');
const project = join(tmp.path, 'my-talk');
const global = join(tmp.path, 'global');
let packed: { filename: string; files: { path: string }[] };
/** What `npm i -D` of the tarball printed (stdout and stderr). */
let localInstallSaid = '';
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

// The real thing: `npm pack` this repository (into a temporary folder, never the repository), install the
// tarball into an empty project and, as `npm i -g` would, into a prefix of its own; then run the CLI there.
// Dependencies come from the registry (or npm's cache), exactly as for a user.
beforeAll(async () => {
  let t = performance.now();
  const out = await run('npm', ['pack', '--json', '--pack-destination', tmp.path], { maxBuffer: 1 << 24 });
  packed = (JSON.parse(out.stdout) as (typeof packed)[])[0]!;
  const pack = seconds(t);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "my-talk", "private": true }\n');
  const npm = ['--prefer-offline', '--no-audit', '--no-fund'];
  t = performance.now();
  const tarball = join(tmp.path, packed.filename);
  // One after the other: the second install finds every dependency in npm's cache. The first is a user's
  // `npm i -D`, its words kept for 'installing the package' below: warnings shown, engines enforced.
  const installed = await run('npm', ['install', '-D', tarball, ...npm, '--loglevel', 'warn', '--engine-strict'], { cwd: project, maxBuffer: 1 << 24 });
  localInstallSaid = `${installed.stdout}\n${installed.stderr}`;
  const local = seconds(t);
  t = performance.now();
  await run('npm', ['install', '-g', '--prefix', global, tarball, ...npm], { cwd: tmp.path, maxBuffer: 1 << 24 });
  console.log(`npm pack ${pack} s, local install ${local} s, global install ${seconds(t)} s`);
}, 600_000);
afterAll(() => tmp.remove());

const npx = (...args: string[]) => run('npx', ['--no-install', 'chokepoint', ...args], { cwd: project, maxBuffer: 1 << 24 });

/** Starts `dev` from `bin` (the installed command itself, as npx runs it) and resolves with its URL. */
function startDev(bin: string, deck: string): Promise<{ url: string; stderr: () => string; stop: () => void }> {
  const child = spawn(bin, ['dev', deck, '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += String(d);
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`dev did not start: ${stdout}${stderr}`));
    }, 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`dev exited (${code}): ${stdout}${stderr}`));
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += String(d);
      const url = /at (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        done({ url, stderr: () => stderr, stop: () => child.kill() });
      }
    });
  });
}

// What a user sees installing the package: the tarball holds lib/ prebuilt and the README's pictures, runs
// no script of its own, and `npm i -D` of it prints no warning (no EBADENGINE from a dependency that wants
// a newer Node than the package says it runs on, no install script for npm to ask about). The pack and the
// install are the ones above (this file once had a twin that packed and installed a second time).
describe('installing the package', () => {
  it('ships lib/ and the README pictures, and installs into an empty folder with no engine or script warning', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('lib/cli.js');
    const pictures = [...readFileSync('README.md', 'utf8').matchAll(/!\[[^\]]*\]\((assets\/[^)]+\.(?:png|svg|jpe?g))\)/g)].map((m) => m[1]!);
    expect(pictures.length).toBeGreaterThan(5);
    for (const picture of pictures) expect(paths, picture).toContain(picture);

    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts[hook], hook).toBeUndefined();

    // --engine-strict: npm refuses outright if any installed package's engines exclude this Node.
    expect(localInstallSaid).not.toMatch(/EBADENGINE|Unsupported engine/i);
    expect(localInstallSaid).not.toMatch(/script|allowScripts/i);
    expect(localInstallSaid).not.toMatch(/^npm warn/im);
  });
});

describe('the npm package', () => {
  it('packs lib/, assets and bin, installs into an empty folder, and there scaffolds, builds and checks a deck', async () => {
    const paths = packed.files.map((f) => f.path);
    for (const need of [
      'bin/chokepoint.js',
      'lib/cli.js',
      'lib/compile/math.js',
      'src/runtime/main.ts',
      'assets/theme/index.css',
      'assets/theme/light.css',
      'assets/fonts/inter-latin-400-normal.woff2',
      'assets/starter/deck.md',
    ]) {
      expect(paths, need).toContain(need);
    }
    expect(paths.some((p) => p.startsWith('tests/') || p.startsWith('slides/') || p.startsWith('node_modules/'))).toBe(false);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).private).toBeUndefined();
    expect(existsSync(packed.filename), 'the tarball is written to the temporary folder, not the repository').toBe(false);

    expect((await npx('new', 'deck')).stdout).toContain('Wrote a starter deck');
    const built = await npx('build', 'deck');
    expect(built.stdout).toMatch(/Built \d+ slides into dist\//);
    const assets = readdirSync(join(project, 'dist/assets'));
    expect(existsSync(join(project, 'dist/index.html'))).toBe(true);
    expect(assets.some((f) => f.startsWith('KaTeX_Main-Regular') && f.endsWith('.woff2'))).toBe(true);
    const js = assets
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(project, 'dist/assets', f), 'utf8'))
      .join('\n');
    expect(/katex|mermaid/i.test(js), 'KaTeX or Mermaid code in the built JS').toBe(false);
    // The starter deck passes check (real Chromium) in the installed package.
    const checked = await npx('check', 'deck');
    expect(checked.stdout).toMatch(/^0 errors, 0 warnings/m);
  }, 600_000);

  // npm hoists Vite into the project's node_modules for a local install, and keeps it under Chokepoint's
  // own for a global one: the dev server must let the page load Vite's client from wherever it is.
  it('`dev` shows the slide in Chromium with no failed request, from a local and from a global install; a refused page file is reported in the terminal', async () => {
    await npx('new', 'talk');
    const browser = await launchBrowser();
    try {
      for (const [install, bin] of [
        ['local', join(project, 'node_modules/.bin/chokepoint')],
        ['global', join(global, 'bin/chokepoint')],
      ] as const) {
        const t = performance.now();
        const dev = await startDev(bin, 'talk');
        const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
        const failed: string[] = [];
        page.on('response', (r) => {
          if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
        });
        page.on('requestfailed', (r) => failed.push(`${r.failure()?.errorText} ${r.url()}`));
        page.on('pageerror', (e) => failed.push(e.message));
        try {
          await page.goto(dev.url);
          await page.waitForSelector('.reveal.ready', { timeout: 30_000 }).catch(() => undefined);
          const slide = page.locator('.reveal .slides section.present').first();
          expect(await slide.isVisible(), `${install}: the first slide is on screen (failed: ${failed.join(', ')})`).toBe(true);
          expect((await slide.innerText()).trim().length, `${install}: the first slide has text`).toBeGreaterThan(3);
          expect(failed, install).toEqual([]);
          console.log(`dev from the ${install} install: slide shown ${seconds(t)} s after start`);
          expect(dev.stderr(), install).toBe('');
          // A file the page cannot load is said in the terminal, once, in one line.
          const missing = '/@fs/nowhere/vite/dist/client/env.mjs';
          expect((await fetch(new URL(missing, dev.url))).status).toBe(404);
          await expect.poll(dev.stderr, { timeout: 5_000 }).toMatch(new RegExp(`^.*404 for ${missing}: the page cannot load it.*\\n$`));
        } finally {
          await page.close();
          dev.stop();
        }
      }
    } finally {
      await browser.close();
    }
  }, 300_000);

  // The fidelity harness's `dev` output: the dev server of the installed package, every slide of the starter
  // deck against the same deck built by this repository and shown in Chromium (tests/fidelity).
  it('`dev` from the installed tarball shows every slide of the starter deck as the built deck does', async () => {
    if (!existsSync(join(project, 'talk'))) await npx('new', 'talk');
    const browser = await render.launchBrowser();
    const dev = await startDev(join(project, 'node_modules/.bin/chokepoint'), 'talk');
    try {
      const built = await render.build(join(project, 'talk'), join(tmp.path, 'fidelity'));
      const refs = await render.reference(browser, built);
      const page = await render.openView(browser, dev.url, built);
      try {
        expectClose('dev-installed', refs, await render.shootSlides(page, built), THRESHOLDS.screen);
      } finally {
        await page.close();
      }
    } finally {
      dev.stop();
      await browser.close();
    }
  }, 300_000);
});
