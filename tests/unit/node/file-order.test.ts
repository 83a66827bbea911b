import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFileNames } from '../../../src/node/load.ts';
import { runs } from '../../budget.ts';

const collated = (names: string[]) => [...names].sort(new Intl.Collator('en', { numeric: true }).compare);

describe("the deck's file order", () => {
  it("is the collator's numeric order, numbered names or not", () => {
    const cases = [
      ['10-end.md', '2-middle.md', '01-start.md'],
      ['002.md', '010.md', '001.md', '100.md'],
      ['1.md', '01.md', '2.md'],
      ['intro.md', 'Appendix.md', '3-x.md', 'b.md'],
      ['2b.md', '2a.md', '10.md'],
      ['1 x.md', '1-x.md', '1_x.md', '1.md'],
      ['9.md', '\u0661.md', '8\u0662.md'],
    ];
    for (const names of cases) expect(sortFileNames([...names]), names.join(' ')).toEqual(collated(names));
    const name = fc
      .tuple(fc.stringMatching(/^[0-9]{0,4}$/), fc.constantFrom('', '-', '_', ' ', '.', 'a', 'B', 'é', '\u0663', '-intro', 'x2'))
      .map(([d, rest]) => `${d}${rest}.md`);
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 12 }), (names) => {
        expect(sortFileNames([...names])).toEqual(collated(names));
      }),
      { numRuns: runs(1000) },
    );
  });
});
