import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { displayPath } from '../node/display-path.ts';
import { fileSpec, formatSpec, type OutFormat } from '../commands/format-table.ts';

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

/** An existing `--out` that is not of the export's format: replacing it would destroy someone's file (unless --force). */
export function foreignOutProblem(out: string, format: OutFormat, input?: string): DeckIssue | undefined {
  const { magic, a } = fileSpec(format);
  const example = formatSpec(format).defaultOut;
  if (!existsSync(out) || statSync(out).isDirectory() || startsWith(out, magic)) return undefined;
  // The deck's own Markdown: --force would not help (the export refuses its input files), so do not offer it.
  if (input !== undefined && isDeckMarkdown(out, input)) return deckFileProblem(out, [out], format);
  return {
    file: displayPath(out),
    line: 0,
    severity: 'error',
    code: `out-not-${format}`,
    message: `--out names an existing file that is not ${a}; refusing to overwrite it`,
    hint: `choose another file name, e.g. --out ${example}, or add --force to replace this file`,
  };
}

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** `--out` is one of the files the deck is made from: writing the export there would destroy the deck. */
export function deckFileProblem(out: string, deckFiles: readonly string[], format: OutFormat): DeckIssue | undefined {
  const what = fileSpec(format).the;
  const example = formatSpec(format).defaultOut;
  const target = real(out);
  if (!deckFiles.some((f) => real(f) === target)) return undefined;
  return {
    file: displayPath(out),
    line: 0,
    severity: 'error',
    code: 'out-is-input',
    message: `--out is one of the deck's own files; refusing to overwrite it with ${what}`,
    hint: `write ${what} elsewhere, e.g. --out ${example}`,
  };
}

/** Whether `out` is a Markdown file of the deck at `input` (the input itself, or a .md file in its folder). */
function isDeckMarkdown(out: string, input: string): boolean {
  if (!/\.(md|markdown)$/i.test(out)) return false;
  const folder = existsSync(input) && statSync(input).isDirectory() ? real(input) : dirname(real(input));
  const rel = relative(folder, real(out));
  return real(out) === real(input) || (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel));
}
