import { formatIssue } from '../compile/errors.ts';
import { displayPath } from '../node/display-path.ts';
import { scaffoldDeck } from '../new/scaffold.ts';
import type { Out } from './terminal.ts';

/** `chokepoint new <folder>`: writes a starter deck and says what to run next. */
export function runNew(folder: string, out: Out): number {
  const made = scaffoldDeck(folder);
  if ('issue' in made) return (out.error(formatIssue(made.issue)), 1);
  out.log(
    `Wrote a starter deck: ${made.files.join(', ')}\nNext: npx chokepoint dev ${displayPath(folder)}   (then edit ${displayPath(folder)}/deck.md)\n      npx chokepoint check ${displayPath(folder)}   (before you present)`,
  );
  return 0;
}
