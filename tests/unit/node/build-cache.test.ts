import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCache } from '../../../src/node/build-cache.ts';
import { KEPT_DECKS } from '../../../src/node/keep-newest.ts';
import { compileInput } from '../../../src/node/compile.ts';
import { tempDir } from '../helpers.ts';

const home = tempDir('chokepoint-build-cache-');
const deck = join(home.path, 'deck');
const cacheHome = join(home.path, 'cache');
const CHART = '```chart\nkind: column\ntitle: Sales\ndata: sales.csv\nx: q\ny: v\n```';
const slides = (second: string) => `---\ntitle: Kept\n---\n\n# One [@a]\n\n---\n\n## ${second}\n\n${CHART}\n\n---\n\n## Three\n\n![A dot](dot.svg)\n`;
let before: string | undefined;

beforeAll(() => {
  mkdirSync(deck);
  writeFileSync(join(deck, 'sources.yaml'), 'a:\n  title: A report\n  publisher: Someone\n  date: 2026-01-02\n');
  writeFileSync(join(deck, 'sales.csv'), 'q,v\nQ1,1.5\nQ2,2\n');
  writeFileSync(join(deck, 'dot.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
  writeFileSync(join(deck, 'talk.md'), slides('Two'));
  before = process.env.CHOKEPOINT_CACHE_DIR;
  process.env.CHOKEPOINT_CACHE_DIR = cacheHome;
});
afterAll(() => {
  if (before === undefined) delete process.env.CHOKEPOINT_CACHE_DIR;
  else process.env.CHOKEPOINT_CACHE_DIR = before;
  home.remove();
});

const url = (p: string) => `assets/${p.split('/').pop()}`;
/** One `build`'s compile as buildDeck runs it: the kept slides taken up, the cache saved after. */
function keptBuild() {
  const kept = buildCache(deck, []);
  const built = compileInput(deck, url, kept.cache);
  kept.save();
  return { html: built.html, issues: built.issues, compiled: kept.cache.changed };
}
const fresh = () => compileInput(deck, url);
const keptFile = () => {
  const dir = join(cacheHome, 'build-slides');
  const [name] = readdirSync(dir);
  return statSync(join(dir, name!)).mtimeMs;
};

describe('the slides a build keeps (src/node/build-cache.ts)', () => {
  it('gives the same deck as a fresh compile, and compiles only what changed since the last build', async () => {
    const first = keptBuild();
    expect(first.compiled).toBe(true);
    expect(first.html).toBe(fresh().html);
    const written = keptFile();
    await new Promise((r) => setTimeout(r, 20));
    // Unchanged: nothing compiled, nothing written again.
    const again = keptBuild();
    expect(again).toEqual({ ...first, compiled: false });
    expect(keptFile()).toBe(written);
    // A data file a chart reads.
    writeFileSync(join(deck, 'sales.csv'), 'q,v\nQ1,1.5\nQ2,7.25\n');
    const data = keptBuild();
    expect(data.html).toContain('7.25');
    expect(data.html).toBe(fresh().html);
    // A slide's text, and the settings.
    writeFileSync(join(deck, 'talk.md'), slides('Two, edited'));
    const edited = keptBuild();
    expect(edited.html).toContain('Two, edited');
    expect(edited.html).toBe(fresh().html);
    writeFileSync(join(deck, 'talk.md'), slides('Two, edited').replace('title: Kept', 'title: Kept\nnotesSeparator: "Notes:"'));
    expect(keptBuild().html).toBe(fresh().html);
    // A source's entry: the numbered footer says what the file says now.
    writeFileSync(join(deck, 'sources.yaml'), 'a:\n  title: A report\n  publisher: Someone else\n  date: 2026-01-02\n');
    const sources = keptBuild();
    expect(sources.html).toContain('Someone else');
    expect(sources.html).toBe(fresh().html);
    // A missing image is the same located error as without the cache.
    rmSync(join(deck, 'dot.svg'));
    expect(keptBuild().issues.map((i) => i.message)).toEqual(fresh().issues.map((i) => i.message));
    expect(fresh().issues.some((i) => /dot\.svg/.test(i.message))).toBe(true);
  });

  it('keeps the slides of the most recently built decks only', () => {
    const dir = join(cacheHome, 'build-slides');
    mkdirSync(dir, { recursive: true });
    const old = Date.now() / 1000 - 3600;
    // Other decks' files, named as buildCache names them (a 22-character key).
    const other = (i: number) => `other-${String(i).padStart(16, '0')}.json`;
    for (let i = 0; i < KEPT_DECKS; i++) {
      writeFileSync(join(dir, other(i)), '{}');
      utimesSync(join(dir, other(i)), old + i, old + i);
    }
    writeFileSync(join(dir, 'not-a-deck.json'), '{}');
    utimesSync(join(dir, 'not-a-deck.json'), old - 1, old - 1);
    writeFileSync(join(deck, 'talk.md'), slides('Two, kept apart'));
    keptBuild();
    const left = readdirSync(dir).filter((f) => f !== 'not-a-deck.json');
    expect(left).toHaveLength(KEPT_DECKS);
    expect(left).not.toContain(other(0));
    expect(left.filter((f) => !f.startsWith('other-'))).toHaveLength(1);
    // A file the cache did not name is never removed, however old.
    expect(readdirSync(dir)).toContain('not-a-deck.json');
  });
});
