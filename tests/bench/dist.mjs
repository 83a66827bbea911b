// What a built deck ships: JS fetched before slide 1 shows, all JS, CSS, fonts (raw and gzip -9),
// and the size of node_modules.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './build.mjs';

const KIB = 1024;
const MIB = 1024 * 1024;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** Raw and gzip (level 9) KiB of the given files. */
function weigh(paths) {
  let raw = 0;
  let gz = 0;
  for (const p of paths) {
    const bytes = readFileSync(p);
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: paths.length, rawKiB: raw / KIB, gzKiB: gz / KIB };
}

/**
 * Serves the built deck in `dist`, opens it in a fresh context and records which files were
 * requested before Reveal marked itself ready (slide 1 shown); the lazy speaker-notes chunk comes later.
 */
export async function measureDist(browser, dist) {
  const { serveStatic } = await import(join(ROOT, 'lib/browser/serve.js'));
  const server = await serveStatic(dist, 0);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    // Note the moment `.reveal` gets the `ready` class, in the page's own clock.
    await page.addInitScript(() => {
      const mark = () => {
        const el = document.querySelector('.reveal');
        if (el?.classList.contains('ready') && !window.__readyAt) window.__readyAt = performance.now();
      };
      new MutationObserver(mark).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'], childList: true });
    });
    await page.goto(server.url);
    await page.waitForSelector('.reveal.ready');
    await page.waitForTimeout(500); // let lazy chunks load so they show up as "after"
    const entries = await page.evaluate(() => ({
      readyAt: window.__readyAt,
      resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
    }));
    const local = (url) => join(dist, decodeURIComponent(new URL(url).pathname));
    const before = entries.resources.filter((r) => r.start <= entries.readyAt).map((r) => local(r.name));
    const after = entries.resources.filter((r) => r.start > entries.readyAt).map((r) => relative(dist, local(r.name)));
    const all = files(dist);
    const by = (list, exts) => list.filter((p) => exts.includes(extname(p).toLowerCase()));
    const js = ['.js', '.mjs'];
    const fonts = ['.woff2', '.woff', '.ttf', '.otf'];
    return {
      jsBeforeSlide1: { ...weigh(by(before, js)), names: by(before, js).map((p) => relative(dist, p)) },
      cssBeforeSlide1: weigh(by(before, ['.css'])),
      fontsBeforeSlide1: { ...weigh(by(before, fonts)), names: by(before, fonts).map((p) => relative(dist, p)) },
      loadedAfterReady: after,
      allJs: { ...weigh(by(all, js)), names: by(all, js).map((p) => relative(dist, p)) },
      allCss: weigh(by(all, ['.css'])),
      allFonts: weigh(by(all, fonts)),
      html: weigh(by(all, ['.html'])),
      total: weigh(all),
    };
  } finally {
    await context.close();
    await server.close();
  }
}

/** Bytes under `dir` as `du -sb` counts them (apparent size), and disk use as `du -sk` does. */
function du(dir, exclude = []) {
  const args = ['-s', ...exclude.map((e) => `--exclude=${e}`), dir];
  const apparent = Number(execFileSync('du', ['-b', ...args], { encoding: 'utf8' }).split('\t')[0]);
  const disk = Number(execFileSync('du', ['-k', ...args], { encoding: 'utf8' }).split('\t')[0]) * 1024;
  return { apparentMiB: apparent / MIB, diskMiB: disk / MIB };
}

/**
 * node_modules as installed here (with dev dependencies), without the runtime cache, and what a
 * user installing Chokepoint gets: only the packages package-lock.json does not mark `dev`.
 */
export function measureNodeModules() {
  const nm = join(ROOT, 'node_modules');
  const installed = du(nm, ['.cache']);
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  let prod = 0;
  let prodPackages = 0;
  for (const [path, info] of Object.entries(lock.packages ?? {})) {
    if (!path || info.dev || info.link) continue;
    const dir = join(ROOT, path);
    try {
      statSync(dir);
    } catch {
      continue;
    } // an optional package for another platform
    prodPackages++;
    prod += ownBytes(dir);
  }
  return { installed, productionMiB: prod / MIB, productionPackages: prodPackages };
}

// Bytes of a package folder, leaving out its nested node_modules (those are packages of their own).
function ownBytes(dir) {
  let sum = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) {
      if (d.name !== 'node_modules') sum += ownBytes(p);
    } else if (d.isFile()) sum += statSync(p).size;
  }
  return sum;
}
