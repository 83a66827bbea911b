import { lstatSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { displayPath } from '../node/display-path.ts';
import { isPng, readPngRecord } from './png-manifest.ts';

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** How a `png --out` folder's record names the deck at `input`: its path from the folder, with `/`. */
export function deckReference(dir: string, input: string): string {
  return relative(real(dir), real(input)).split(sep).join('/') || '.';
}

/**
 * The folder holds the images of another deck: this export would remove them (they are on record as ours)
 * and put its own in their place. Checked before anything renders; `--force` replaces them.
 */
export function otherDeckProblem(dir: string, input: string): DeckIssue | undefined {
  const { deck, files } = readPngRecord(dir);
  // A record without a deck comes from an older version: its images are taken to be this deck's.
  if (deck === undefined || files.length === 0 || real(join(dir, deck)) === real(input)) return undefined;
  return {
    file: displayPath(dir),
    line: 0,
    severity: 'error',
    code: 'png-other-deck',
    message: `--out holds the ${files.length} images of another deck (${displayPath(join(dir, deck))}); refusing to replace them`,
    hint: "choose another folder with --out, or add --force to replace that deck's images with this one's",
  };
}

/**
 * One of the names this export writes is taken by a file it may not replace: one that no earlier export of
 * this deck recorded (the author's own `001-my-talk.png`), or a recorded one that is no longer a PNG.
 */
export function takenNameProblem(dir: string, names: Iterable<string>): DeckIssue | undefined {
  const recorded = new Set(readPngRecord(dir).files);
  for (const name of names) {
    const path = join(dir, name);
    if (!present(path)) continue;
    if (recorded.has(name) && isPng(path)) continue;
    const why = isPng(path) ? 'was not written by `chokepoint png` for this deck' : 'is not a PNG image';
    return {
      file: displayPath(path),
      line: 0,
      severity: 'error',
      code: 'png-name-taken',
      message: `this file ${why}; refusing to replace it with slide image ${name}`,
      hint: 'move or rename the file, choose another folder with --out, or add --force to replace it',
    };
  }
  return undefined;
}

// A dangling link counts too: writing through it would create a file elsewhere.
const present = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};
