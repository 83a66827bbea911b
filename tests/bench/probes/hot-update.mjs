// Probe: where a hot update's time goes. Spawns `chokepoint dev DECK`, edits the first slide file and
// times: the write → the browser requests the new virtual:deck module (file watcher + HMR message) →
// the response ends (the server compiles the deck in `load`, Vite transforms and sends it) → the page
// shows the edit (the runtime swaps the slides and re-syncs Reveal).
//   node tests/bench/probes/hot-update.mjs [slides=300] [updates=5] [path/to/bin/chokepoint.js]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../build.mjs';
import { writeDeck } from '../deck.mjs';
import { firstSlide } from '../dev.mjs';
import { freePort } from '../proc.mjs';

// A third argument runs another copy's CLI (e.g. a throwaway package with a patched lib/).
const [slides = '300', updates = '5', cli = CLI] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'chokepoint-hot-'));
const files = writeDeck(join(dir, 'deck'), Number(slides));
const { launchBrowser } = await import(join(ROOT, 'lib/browser/browser.js'));
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const port = await freePort();
const child = spawn(process.execPath, [cli, 'dev', join(dir, 'deck'), '--port', String(port)], { cwd: ROOT, stdio: 'ignore' });
for (;;) {
  try {
    if ((await fetch(`http://localhost:${port}/`)).ok) break;
  } catch {
    /* not yet */
  }
  await new Promise((r) => setTimeout(r, 10));
}
await firstSlide(page, `http://localhost:${port}/`);
let requested = 0;
let finished = 0;
let bytes = 0;
page.on('request', (r) => {
  if (r.url().includes('virtual:deck')) requested = performance.now();
});
page.on('requestfinished', async (r) => {
  if (!r.url().includes('virtual:deck')) return;
  finished = performance.now();
  bytes = (await r.sizes()).responseBodySize;
});
const original = readFileSync(files[0], 'utf8');
const rows = [];
for (let i = 0; i < Number(updates); i++) {
  await new Promise((r) => setTimeout(r, 400));
  requested = finished = 0;
  const token = `edited-${i}-${Date.now().toString(36)}`;
  const t = performance.now();
  writeFileSync(files[0], original.replace(/^## .*$/m, `## ${token}`));
  await page.waitForFunction((tok) => document.querySelector('.reveal .slides')?.textContent?.includes(tok), token);
  const shown = performance.now();
  rows.push({
    toRequest: Math.round(requested - t),
    serverResponse: Math.round(finished - requested),
    pageUpdate: Math.round(shown - finished),
    total: Math.round(shown - t),
    moduleKiB: Math.round(bytes / 1024),
  });
}
console.table(rows);
writeFileSync(files[0], original);
child.kill('SIGTERM');
await browser.close();
rmSync(dir, { recursive: true, force: true });
