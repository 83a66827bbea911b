// For the PDF probes (pdf-memdump, pdf-renderer): opens, in `page`, the built deck in `dist` in the static print
// view as `chokepoint pdf` prints it, or any HTML file (`html`, e.g. Marp's output) in print media. Returns the
// static server to close, if one was started.
import { join } from 'node:path';
import { ROOT } from '../build.mjs';

const lib = (p) => import(join(ROOT, 'lib', p));

export async function openPrintPage(page, { dist, html, blockJs = false }) {
  if (!dist) {
    await page.emulateMedia({ media: 'print' });
    await page.goto(`file://${html}`, { waitUntil: 'load' });
    return undefined;
  }
  const [{ serveStatic }, { exportInitScript, waitForPrintView }, { layoutStaticPrint }, { PRINT_LAYOUT_CSS }] = await Promise.all([
    lib('browser/serve.js'),
    lib('browser/ready.js'),
    lib('export/static-print.js'),
    lib('export/print-layout.js'),
  ]);
  const server = await serveStatic(dist, 0);
  // blockJs: the runtime's script is not loaded (the static print view does not start it).
  if (blockJs) await page.route('**/*.js', (route) => route.abort());
  const view = { width: 1920, height: 1080, slideNumbers: true };
  await page.addInitScript({
    content: `(${exportInitScript.toString()})(${JSON.stringify(PRINT_LAYOUT_CSS)}, () => (${layoutStaticPrint.toString()})(${JSON.stringify(view)}));`,
  });
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${server.url}?print-pdf&margin=0&pdfPageHeightOffset=0&pdfSeparateFragments=false`, { waitUntil: 'commit' });
  await waitForPrintView(page);
  return server;
}
