// Probe: the renderer's memory (PSS, MiB) before and during one page.pdf, for our built deck printed as
// `chokepoint pdf` does (static print view) or for any HTML file (e.g. Marp's `--html` output), in the same
// browser with the export's flags, so a difference in what page.pdf costs can be pinned on the page:
//   node tests/bench/probes/pdf-renderer.mjs --dist DIR [--block-js] [--eval JS] [--pdf JSON] [--save FILE]
//   node tests/bench/probes/pdf-renderer.mjs --html FILE [--eval JS] [--pdf JSON]
import { join } from 'node:path';
import { ROOT } from '../build.mjs';
import { kind, pssParts, tree } from '../proc.mjs';
import { openPrintPage } from './print-page.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const lib = (p) => import(join(ROOT, 'lib', p));
const { launchBrowser } = await lib('browser/browser.js');
const { waitForAssets } = await lib('browser/ready.js');

const browser = await launchBrowser();
// The anonymous part of PSS: the file-backed rest is also split with any other Chromium running on the machine.
const rendererPss = () => {
  let sum = 0;
  for (const p of tree(process.pid)) if (kind(p).endsWith(':renderer')) sum += pssParts(p).anon;
  return sum / 2 ** 20;
};
/** The same for all of Chromium's processes (the browser process composites the window). */
const chromiumPss = () => {
  let sum = 0;
  for (const p of tree(process.pid).slice(1)) sum += pssParts(p).anon;
  return sum / 2 ** 20;
};
const [vw, vh] = opt('viewport', '480x270').split('x').map(Number);
const page = await browser.newPage({ viewport: { width: vw, height: vh } });
if (opt('emu-scale')) {
  // --emu-scale S: the deck-sized layout viewport drawn at S in the window (DevTools' zoom), to see what the screen costs.
  const emu = await page.context().newCDPSession(page);
  await emu.send('Emulation.setDeviceMetricsOverride', { width: vw, height: vh, deviceScaleFactor: 1, mobile: false, scale: Number(opt('emu-scale')) });
}
const server = await openPrintPage(page, { dist: opt('dist'), html: opt('html'), blockJs: args.includes('--block-js') });
await waitForAssets(page);
if (opt('eval')) console.log('eval:', await page.evaluate(opt('eval')));
const counters = await page.evaluate(() => ({ elements: document.querySelectorAll('*').length, text: document.body.innerText.length }));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
const m0 = await metrics();
await new Promise((r) => setTimeout(r, 300));
const before = rendererPss();
let peak = before;
let peakAll = chromiumPss();
const timer = setInterval(() => {
  peak = Math.max(peak, rendererPss());
  peakAll = Math.max(peakAll, chromiumPss());
}, 20);
const t = performance.now();
const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...JSON.parse(opt('pdf', '{"tagged":true}')) });
const ms = performance.now() - t;
clearInterval(timer);
const m1 = await metrics();
const delta = (k) => +(m1[k] - m0[k]).toFixed(3);
console.log(
  `in page.pdf: layouts ${delta('LayoutCount')} (${delta('LayoutDuration')} s), style recalcs ${delta('RecalcStyleCount')} (${delta('RecalcStyleDuration')} s), JS heap ${(m1.JSHeapUsedSize / 2 ** 20).toFixed(1)} MiB, nodes ${m1.Nodes}`,
);
if (opt('save')) (await import('node:fs')).writeFileSync(opt('save'), pdf);
console.log(
  `${JSON.stringify(counters)} renderer (anonymous PSS) before ${before.toFixed(1)} MiB, peak in page.pdf ${peak.toFixed(1)} (+${(peak - before).toFixed(1)}), all of Chromium ${peakAll.toFixed(1)}, ${Math.round(ms)} ms, ${(pdf.length / 1024).toFixed(0)} KiB raw`,
);
await browser.close();
await server?.close();
