import { createRequire } from 'node:module';

/**
 * Chromium writes a tagged PDF's every object (≈23 structure elements a slide, page dictionaries, outline
 * items) uncompressed, with a classic cross-reference table: at 300 slides that is ~60% of the file. qpdf
 * (as WebAssembly: no native dependency, no PDF writer of our own) packs those objects into Flate-compressed
 * object streams with a cross-reference stream (PDF 1.5). Streams (page contents, fonts) are copied as they
 * are, so the tags, outline, metadata, text and drawing are unchanged: 1,434,873 → 632,287 bytes at 300 slides.
 */
export interface Compactor {
  compact(pdf: Uint8Array): Uint8Array;
}

interface QpdfInstance {
  callMain(args: string[]): number;
  FS: { writeFile(path: string, data: Uint8Array): void; readFile(path: string): Uint8Array; unlink(path: string): void };
}
type QpdfFactory = (options: { noInitialRun: boolean; locateFile: () => string }) => Promise<QpdfInstance>;

/**
 * Loads and instantiates qpdf (~0.1 s, ~15 MB).
 * Resolves with undefined when qpdf cannot load: the PDF is then written as Chromium made it.
 */
export async function loadCompactor(): Promise<Compactor | undefined> {
  // This Emscripten build stores qpdf's exit status in process.exitCode: the CLI's own must survive it.
  const exitCode = process.exitCode;
  try {
    const createQpdf = (await import('@neslinesli93/qpdf-wasm')).default as unknown as QpdfFactory;
    const wasm = createRequire(import.meta.url).resolve('@neslinesli93/qpdf-wasm/dist/qpdf.wasm');
    const qpdf = await createQpdf({ noInitialRun: true, locateFile: () => wasm });
    return { compact: (pdf) => pack(qpdf, pdf) };
  } catch {
    return undefined;
  } finally {
    process.exitCode = exitCode;
  }
}

/** `pdf` with its objects in object streams; `pdf` itself if qpdf fails, so an export never fails here. */
function pack(qpdf: QpdfInstance, pdf: Uint8Array): Uint8Array {
  const exitCode = process.exitCode;
  try {
    qpdf.FS.writeFile('/in.pdf', pdf);
    // --deterministic-id: the file ID hashes the content, so the same deck gives the same bytes.
    // --no-warn --warning-exit-0: qpdf's repairable warnings would go to the console and exit 3.
    const args = ['--object-streams=generate', '--deterministic-id', '--no-warn', '--warning-exit-0', '/in.pdf', '/out.pdf'];
    const out = qpdf.callMain(args) === 0 ? qpdf.FS.readFile('/out.pdf') : pdf;
    return out.length > 0 && out.length < pdf.length ? out : pdf;
  } catch {
    return pdf;
  } finally {
    for (const f of ['/in.pdf', '/out.pdf']) {
      try {
        qpdf.FS.unlink(f);
      } catch {
        /* not written */
      }
    }
    process.exitCode = exitCode;
  }
}
