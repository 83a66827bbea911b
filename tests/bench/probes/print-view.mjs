// Probe: a JS CPU profile of the built deck's print view in Chromium (goto `?print-pdf` until reveal's
// pdf-ready), summarised by function, and the time page.pdf takes with and without tags:
//   node tests/bench/probes/print-view.mjs DIST
import { join } from 'node:path';
import { ROOT } from '../build.mjs';
import { summarise } from '../profile.mjs';

const { launchBrowser } = await import(join(ROOT, 'lib/browser/browser.js'));
const { serveStatic } = await import(join(ROOT, 'lib/browser/serve.js'));
const dist = process.argv[2];
const server = await serveStatic(dist, 0);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await page.addInitScript(() => {
  window.addEventListener('pdf-ready', () => {
    window.__pdfReady = performance.now();
  });
  document.addEventListener('DOMContentLoaded', () => {
    window.__dcl = performance.now();
  });
});
await cdp.send('Profiler.start');
const t = performance.now();
await page.goto(`${server.url}?print-pdf&pdfSeparateFragments=false`);
await page.waitForFunction(() => window.__pdfReady !== undefined, null, { timeout: 120_000 });
const wall = performance.now() - t;
const { profile } = await cdp.send('Profiler.stop');
const marks = await page.evaluate(() => ({ dcl: Math.round(window.__dcl), pdfReady: Math.round(window.__pdfReady) }));
console.log(`goto to pdf-ready: ${Math.round(wall)} ms; in the page: DOMContentLoaded ${marks.dcl} ms, pdf-ready ${marks.pdfReady} ms`);
const s = summarise(profile, 12);
console.log('JS in the page by function (self ms):');
for (const [k, v] of s.byFunction) console.log(`  ${String(v).padStart(6)}  ${k.replace(/http:\/\/127\.0\.0\.1:\d+\//, '')}`);
for (const opts of [{ outline: true, tagged: true }, {}]) {
  const t2 = performance.now();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...opts });
  console.log(`page.pdf ${JSON.stringify(opts)}: ${Math.round(performance.now() - t2)} ms, ${pdf.length} bytes`);
}
await browser.close();
await server.close();

// The steps `chokepoint pdf` takes after the page loads (src/export/pdf.ts), timed one by one.
{
  const { exportInitScript, waitForPrintView, waitForAssets } = await import(join(ROOT, 'lib/browser/ready.js'));
  const { layoutPrintPages, PRINT_LAYOUT_CSS } = await import(join(ROOT, 'lib/export/print-layout.js'));
  const b = await launchBrowser();
  const srv = await serveStatic(dist, 0);
  const p = await b.newPage({ viewport: { width: 1920, height: 1080 } });
  await p.addInitScript(exportInitScript);
  const steps = [];
  let t0 = performance.now();
  const mark = (name) => {
    const now = performance.now();
    steps.push(`${name} ${Math.round(now - t0)}`);
    t0 = now;
  };
  await p.goto(`${srv.url}?print-pdf&pdfSeparateFragments=false`);
  mark('goto');
  await waitForPrintView(p);
  mark('waitForPrintView (pdf-ready, fonts, images, 2 frames)');
  await p.emulateMedia({ media: 'print' });
  mark('emulateMedia print');
  await p.addStyleTag({ content: PRINT_LAYOUT_CSS });
  mark('addStyleTag');
  const slides = await p.evaluate(() =>
    Array.from(document.querySelectorAll('.reveal .slides section'))
      .filter((s) => !s.querySelector('section'))
      .map(() => ({ title: 'x', v: 0 })),
  );
  await p.evaluate(layoutPrintPages, { slides, notes: false });
  mark('layoutPrintPages');
  await waitForAssets(p);
  mark('waitForAssets');
  await p.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
  mark('page.pdf');
  console.log(`pdf.ts steps (ms): ${steps.join(' | ')}`);
  await b.close();
  await srv.close();
}
