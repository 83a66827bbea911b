// Chromium writes the document title into the PDF but no author or subject. Rather than a PDF library, this
// appends an incremental update (PDF 1.7, §7.5.6): a new Info dictionary, a one-entry xref section and a
// trailer pointing back at the original one. The original bytes stay untouched, so nothing Chromium wrote
// (tags, outline, fonts) can be damaged; every reader applies the update.

/** Document information fields; empty values are left out. */
export type PdfInfo = Partial<Record<'Title' | 'Author' | 'Subject' | 'Keywords' | 'Creator', string>>;

interface Trailer {
  size: number;
  root: string;
  info?: number;
  xref: number;
}

/** Reads the last trailer of a PDF with a classic xref table, as Chromium (Skia) writes it. */
export function readTrailer(pdf: Buffer): Trailer {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const at = tail.lastIndexOf('trailer');
  const dict = at < 0 ? '' : tail.slice(at);
  const size = /\/Size\s+(\d+)/.exec(dict);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dict);
  if (!start || !size || !root) throw new Error('unexpected PDF structure (no classic trailer)');
  const info = /\/Info\s+(\d+)\s+0\s+R/.exec(dict);
  return { size: Number(size[1]), root: root[1]!, info: info ? Number(info[1]) : undefined, xref: Number(start[1]) };
}

/** The text of object `num` (its dictionary), found through the xref table. */
export function readObject(pdf: Buffer, num: number, trailer = readTrailer(pdf)): string {
  const table = pdf.subarray(trailer.xref, trailer.xref + 64 + 20 * trailer.size).toString('latin1');
  const section = /^xref\s+(\d+)\s+(\d+)\s*\r?\n/.exec(table);
  if (!section) throw new Error('unexpected PDF structure (no xref table)');
  const first = Number(section[1]);
  const entry = table.slice(section[0].length + 20 * (num - first), section[0].length + 20 * (num - first) + 20);
  const offset = Number(entry.slice(0, 10));
  const text = pdf.subarray(offset, offset + 4096).toString('latin1');
  const end = text.indexOf('endobj');
  return end < 0 ? text : text.slice(0, end);
}

/** The number of pages, read from the page tree of a PDF as Chromium wrote it (before any update). */
export function pageCount(pdf: Buffer): number {
  const trailer = readTrailer(pdf);
  const catalog = readObject(pdf, Number(trailer.root.split(/\s+/)[0]), trailer);
  const pages = /\/Pages\s+(\d+)\s+0\s+R/.exec(catalog);
  const count = pages ? /\/Count\s+(\d+)/.exec(readObject(pdf, Number(pages[1]), trailer)) : null;
  if (!count) throw new Error('unexpected PDF structure (no page tree)');
  return Number(count[1]);
}

/** Returns `pdf` with its Info dictionary replaced by `info` (keeping Producer, the creation date and, if not given, Title). */
export function withInfo(pdf: Buffer, info: PdfInfo, now = new Date()): Buffer {
  const trailer = readTrailer(pdf);
  const old = trailer.info === undefined ? '' : readObject(pdf, trailer.info, trailer);
  const keep = (key: string) => new RegExp(`/${key}\\s*(\\([^)]*\\)|<[0-9A-Fa-f]*>)`).exec(old)?.[1];
  const fields = Object.entries(info)
    .filter(([, v]) => v)
    .map(([k, v]) => `/${k} ${pdfString(v!)}`);
  if (!info.Title && keep('Title')) fields.push(`/Title ${keep('Title')}`);
  for (const key of ['Producer', 'CreationDate']) fields.push(`/${key} ${keep(key) ?? pdfString(key === 'Producer' ? 'Chromium' : pdfDate(now))}`);
  fields.push(`/ModDate ${pdfString(pdfDate(now))}`);
  const num = trailer.info ?? trailer.size;
  const size = Math.max(trailer.size, num + 1);
  const head = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const objStart = pdf.length + head.length;
  const obj = `${num} 0 obj\n<<${fields.join('\n')}>>\nendobj\n`;
  const xrefStart = objStart + Buffer.byteLength(obj, 'latin1');
  const update =
    `${head}${obj}xref\n${num} 1\n${String(objStart).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${size}\n/Root ${trailer.root}\n/Info ${num} 0 R\n/Prev ${trailer.xref}>>\nstartxref\n${xrefStart}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

/** A PDF text string: literal when plain ASCII, else UTF-16BE with a byte-order mark, in hex. */
export function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return `<${utf16.toString('hex').toUpperCase()}>`;
}

/** A PDF date string, D:YYYYMMDDHHmmSSZ, in UTC. */
export function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
