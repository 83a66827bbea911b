// Where a PDF's bytes go: page content streams, the tagged-PDF structure tree, fonts, the rest.
// A plain scan of `N 0 obj … endobj` (Chromium's Skia writes no object streams), good enough to attribute size.
import { readFileSync } from 'node:fs';

/** Bytes by kind of object, and per page for the kinds that grow with pages. */
export function pdfAnatomy(file) {
  const text = readFileSync(file).toString('latin1');
  const sizes = { content: 0, structure: 0, fonts: 0, pages: 0, outline: 0, other: 0 };
  const contentIds = new Set([...text.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => m[1]));
  let pages = 0;
  for (const m of text.matchAll(/(?:^|\n)(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const [all, id, body] = m;
    const head = body.slice(0, 400);
    let kind = 'other';
    if (contentIds.has(id)) kind = 'content';
    else if (/\/Type \/(StructElem|StructTreeRoot|ParentTree)|\/Nums \[/.test(head)) kind = 'structure';
    else if (/\/Type \/(Font|FontDescriptor)|\/Length1 /.test(head) || /\/CIDToGIDMap|beginbfrange|begincmap/.test(body.slice(0, 2000))) kind = 'fonts';
    else if (/\/Type \/Pages?\b/.test(head)) {
      kind = 'pages';
      if (/\/Type \/Page\b/.test(head)) pages++;
    } else if (/\/Type \/Outlines|\/Title \(|\/Dest \[/.test(head)) kind = 'outline';
    sizes[kind] += all.length;
  }
  const perPage = Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, pages ? v / pages : null]));
  return { bytes: text.length, pages, sizes, perPage };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of process.argv.slice(2)) {
    const a = pdfAnatomy(f);
    console.log(f, a.pages, 'pages', a.bytes, 'bytes');
    for (const [k, v] of Object.entries(a.sizes)) console.log(`  ${k.padEnd(10)} ${String(v).padStart(9)} B  ${(a.perPage[k] / 1024).toFixed(2)} KiB/page`);
  }
}
