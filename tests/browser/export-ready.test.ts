import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportInitScript, waitForPrintView } from '../../src/browser/ready.ts';
import { launchBrowser, type Browser } from './helpers.ts';

// A page whose theme stylesheet arrives well after parsing ends, with a web font in it: the order a slow
// disk or a busy machine can produce, and the one the static print view must wait out.
const FONT = readFileSync('assets/fonts/inter-latin-600-normal.woff2');
const PAGE =
  '<!doctype html><html><head><link rel="stylesheet" href="/slow.css"></head>' +
  '<body><div class="reveal"><div class="slides"><section><h2>Title</h2></section></div></div></body></html>';
const CSS =
  '@font-face { font-family: Probe; src: url(/probe.woff2) format("woff2"); font-weight: 600; }\n' +
  'body { background-color: rgb(1, 2, 3); font: 600 40px Probe, sans-serif; }';

let server: Server;
let url = '';
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow.css') setTimeout(() => res.writeHead(200, { 'content-type': 'text/css' }).end(CSS), 600);
    else if (req.url === '/probe.woff2') res.writeHead(200, { 'content-type': 'font/woff2' }).end(FONT);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

/** A page with the export's init script, the print view given as source (Playwright sends text). */
async function open(printView: string) {
  const page = await browser.newPage({ viewport: { width: 480, height: 270 } });
  await page.addInitScript({ content: `(${exportInitScript.toString()})('', ${printView});` });
  await page.goto(url, { waitUntil: 'commit' });
  return page;
}

describe('the export page before page.pdf', () => {
  it('runs the static print view after the stylesheets, and raises pdf-ready with the page shown and its fonts loaded', async () => {
    const page = await open(`() => { document.body.dataset.background = getComputedStyle(document.body).backgroundColor; }`);
    await waitForPrintView(page, 20_000);
    const state = await page.evaluate(() => ({
      background: document.body.dataset.background,
      display: getComputedStyle(document.documentElement).display,
      faces: Array.from(document.fonts).map((f) => `${f.family} ${f.status}`),
    }));
    // Read before the stylesheet had arrived, the page background would be transparent in every printed page.
    expect(state.background).toBe('rgb(1, 2, 3)');
    expect(state.display).not.toBe('none');
    expect(state.faces).toEqual(['Probe loaded']);
    await page.close();
  });

  it('waits through a document that has no root element yet, and through a navigation', async () => {
    const page = await browser.newPage();
    await page.setContent('<p>first</p>');
    // No root element when the wait starts (as while a document is replaced); the flag comes on a new root.
    await page.evaluate(() => document.removeChild(document.documentElement));
    const waited = waitForPrintView(page, 20_000);
    await page.evaluate(() => {
      const root = document.createElement('html');
      document.appendChild(root);
      setTimeout(() => root.setAttribute('data-export-pdf-ready', ''), 100);
    });
    await waited;
    // A navigation destroys the context the wait ran in: it resumes in the next document.
    const again = waitForPrintView(page, 20_000);
    await page.goto(`${url}/`);
    await page.evaluate(() => document.documentElement.setAttribute('data-export-pdf-ready', ''));
    await again;
    await page.close();
  });

  it("stops with the page's own error when the print view throws, instead of waiting for the timeout", async () => {
    const page = await open(`() => { throw new Error('print view broke'); }`);
    const started = performance.now();
    await expect(waitForPrintView(page, 60_000)).rejects.toThrow(/the deck failed in the browser: .*print view broke/);
    expect(performance.now() - started).toBeLessThan(15_000);
    await page.close();
  });
});
