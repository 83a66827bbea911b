// Probe: A/B of the dev server between this checkout and another copy's CLI (e.g. a throwaway package
// with a patched lib/), sessions interleaved so both see the same machine:
//   node tests/bench/probes/dev-ab.mjs OTHER/bin/chokepoint.js [slides=300] [rounds=3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../build.mjs';
import { writeDeck } from '../deck.mjs';
import { measureDev } from '../dev.mjs';
import { median } from '../stats.mjs';

const [other, slides = '300', rounds = '3'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'chokepoint-ab-'));
const files = writeDeck(join(dir, 'deck'), Number(slides));
const { launchBrowser } = await import(join(ROOT, 'lib/browser/browser.js'));
const browser = await launchBrowser();
const all = { this: [], other: [] };
await measureDev(browser, join(dir, 'deck'), files[0], 1, 0); // warm-up
for (let i = 0; i < Number(rounds); i++) {
  for (const [name, cli] of [
    ['this', CLI],
    ['other', other],
  ])
    all[name].push(...(await measureDev(browser, join(dir, 'deck'), files[0], 1, 5, { cli })).sessions);
}
for (const [name, s] of Object.entries(all)) {
  console.log(
    `${name.padEnd(5)} slide 1 ${Math.round(median(s.map((x) => x.firstSlideMs)))} ms, server CPU to slide 1 ${median(s.map((x) => x.serverCpuToSlide1Seconds)).toFixed(2)} s, hot ${Math.round(median(s.flatMap((x) => x.hotMs)))} ms, server CPU per hot update ${Math.round(median(s.flatMap((x) => x.hotServerCpuMs)))} ms, RSS ${Math.round(median(s.map((x) => x.serverRssMiB)))} MiB`,
  );
}
await browser.close();
rmSync(dir, { recursive: true, force: true });
