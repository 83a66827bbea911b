import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { displayPath } from '../node/load.ts';

/** True when the file at `path` starts like a PDF (`%PDF-`); a PDF we may replace. */
export function looksLikePdf(path: string): boolean {
  return startsWith(path, '%PDF-');
}

/** True when the file at `path` starts like a zip (a .pptx is one): `PK\x03\x04`. */
export function looksLikeZip(path: string): boolean {
  return startsWith(path, 'PK\x03\x04');
}

function startsWith(path: string, magic: string): boolean {
  const head = Buffer.alloc(magic.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, head, 0, magic.length, 0) === magic.length && head.toString('latin1') === magic;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An existing `--out` that is not a PDF: replacing it would destroy someone's file (unless --force). */
export function notPdfProblem(out: string): DeckIssue | undefined {
  if (!existsSync(out) || statSync(out).isDirectory() || looksLikePdf(out)) return undefined;
  return {
    file: displayPath(out), line: 0, severity: 'error', code: 'out-not-pdf',
    message: '--out names an existing file that is not a PDF; refusing to overwrite it',
    hint: 'choose another file name for the PDF, or add --force to replace this file',
  };
}

const real = (path: string) => { try { return realpathSync(path); } catch { return resolve(path); } };

/** An existing `--out` that is not a PowerPoint file (a zip): replacing it would destroy someone's file (unless --force). */
export function notPptxProblem(out: string): DeckIssue | undefined {
  if (!existsSync(out) || statSync(out).isDirectory() || looksLikeZip(out)) return undefined;
  return {
    file: displayPath(out), line: 0, severity: 'error', code: 'out-not-pptx',
    message: '--out names an existing file that is not a PowerPoint file; refusing to overwrite it',
    hint: 'choose another file name, e.g. --out deck.pptx, or add --force to replace this file',
  };
}

/** `--out` is one of the files the deck is made from: writing the export there would destroy the deck. */
export function deckFileProblem(out: string, deckFiles: readonly string[], what = 'the PDF'): DeckIssue | undefined {
  const target = real(out);
  if (!deckFiles.some((f) => real(f) === target)) return undefined;
  return {
    file: displayPath(out), line: 0, severity: 'error', code: 'out-is-input',
    message: `--out is one of the deck's own files; refusing to overwrite it with ${what}`,
    hint: `write ${what} elsewhere, e.g. --out ${what === 'the PDF' ? 'deck.pdf' : 'deck.pptx'}`,
  };
}
