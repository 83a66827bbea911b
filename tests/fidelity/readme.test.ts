// The README's pictures come from the harness (tests/fidelity/readme-pictures.ts). In `npm test`: every
// picture the README shows has a maker, and every picture that maker lists is in the README. With
// README_PICTURES=write (`npm run readme-pictures`): renders them all into assets/readme/.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MADE_ELSEWHERE, PICTURES, renderPictures } from './readme-pictures.ts';

const README = readFileSync('README.md', 'utf8');
const shown = [...README.matchAll(/assets\/readme\/([\w.-]+\.png)/g)].map((m) => m[1]!);

describe('the README pictures', () => {
  it('are each made by the harness (or named as made by another tool), and each made one is shown', () => {
    const made = PICTURES.map((p) => p.file);
    expect(shown.filter((f) => !made.includes(f) && !MADE_ELSEWHERE.includes(f))).toEqual([]);
    expect(made.filter((f) => !shown.includes(f))).toEqual([]);
    expect(readdirSync('assets/readme').filter((f) => f.endsWith('.png') && !shown.includes(f))).toEqual([]);
  });

  it.runIf(process.env.README_PICTURES === 'write')(
    'are rendered into assets/readme/',
    async () => {
      const written = await renderPictures('assets/readme');
      console.log(`wrote ${written.length} pictures: ${written.join(', ')}`);
      expect(written).toHaveLength(PICTURES.length);
    },
    600_000,
  );
});
