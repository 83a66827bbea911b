// Probe: Chromium's own memory accounting (memory-infra dumps: Blink's GC heap by object type, malloc, tiles, ...)
// of every process before and after one page.pdf, for our built deck in the export's static print view or any HTML
// file, in a deck-sized window; the allocators that grew are printed:
//   node tests/bench/probes/pdf-memdump.mjs dist DIR | html FILE
import { join } from 'node:path';
import { ROOT } from '../build.mjs';
import { openPrintPage } from './print-page.mjs';
const lib = (p) => import(join(ROOT, 'lib', p));
const { launchBrowser } = await lib('browser/browser.js');
const { waitForAssets } = await lib('browser/ready.js');
const [mode, target] = process.argv.slice(2);
const browser = await launchBrowser();
const cdp = await browser.newBrowserCDPSession();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const server = await openPrintPage(page, mode === 'dist' ? { dist: target } : { html: target });
await waitForAssets(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], memoryDumpConfig: { triggers: [] } } });
await cdp.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' });
await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
await cdp.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' });
await cdp.send('Tracing.end');
await done;
const dumps = events.filter((e) => e.ph === 'v' && e.args?.dumps?.allocators);
const pids = [...new Set(dumps.map((d) => d.pid))];
for (const pid of pids) {
  const ds = dumps.filter((d) => d.pid === pid);
  if (ds.length < 2) continue;
  const size = (a, k) => {
    const x = a[k]?.attrs?.size?.value;
    return x ? parseInt(x, 16) / 2 ** 20 : 0;
  };
  const [a, b] = [ds[0].args.dumps.allocators, ds[ds.length - 1].args.dumps.allocators];
  const keys = Object.keys(b).filter((k) => (k.startsWith('blink') ? k.split('/').length <= 5 : k.split('/').length <= 3));
  const rows = keys.map((k) => [k, size(a, k), size(b, k)]).filter(([, x, y]) => Math.abs(y - x) > 0.5 || y > 5);
  console.log(`pid ${pid}: process totals`, JSON.stringify(ds.map((d) => d.args.dumps.process_totals)));
  for (const [k, x, y] of rows.sort((p, q) => q[2] - p[2])) console.log(`  ${k.padEnd(60)} ${x.toFixed(1).padStart(7)} -> ${y.toFixed(1).padStart(7)}`);
}
await browser.close();
await server?.close();
