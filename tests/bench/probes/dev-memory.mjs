// Probe: where the dev server's memory goes, step by step (run with --expose-gc): node tests/bench/probes/dev-memory.mjs DECK
const { launchBrowser } = await import('/work/main/lib/browser/browser.js');
const mu = (label) => {
  const m = process.memoryUsage();
  console.log(
    label.padEnd(28),
    'rss',
    Math.round(m.rss / 1048576),
    'heapUsed',
    Math.round(m.heapUsed / 1048576),
    'heapTotal',
    Math.round(m.heapTotal / 1048576),
    'external',
    Math.round(m.external / 1048576),
    'arrayBuffers',
    Math.round(m.arrayBuffers / 1048576),
  );
};
mu('start');
const b = await launchBrowser();
mu('playwright + browser');
await import('vite');
mu('vite imported');
const { startDevServer } = await import('/work/main/lib/vite/server.js');
await import('highlight.js');
mu('highlight.js imported');
const s = await startDevServer({ input: process.argv[2], port: 5398 });
mu('listening');
const page = await b.newPage();
await page.goto('http://localhost:5398/');
await page.waitForSelector('.reveal.ready');
mu('slide 1');
global.gc?.();
mu('after gc');
await s.close();
await b.close();
