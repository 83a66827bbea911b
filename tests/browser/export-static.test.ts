import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deck } from '../../src/compile/types.ts';
import { runPdf } from '../../src/commands/export.ts';
import { compileInput } from '../../src/node/compile.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { staticPrint } from '../../src/export/static-print.ts';
import { pdfOutline, pdfText } from './export-tools.ts';
import { tempDir } from './helpers.ts';

const tmp = tempDir('chokepoint-static-');
afterAll(() => tmp.remove());

async function exportWith(view: 'static' | 'reveal', deck: string, name: string): Promise<string> {
  const out = join(tmp.path, name);
  const lines: string[] = [];
  if (view === 'reveal') process.env.CHOKEPOINT_PRINT_VIEW = 'reveal';
  try {
    const code = await runPdf(deck, { out }, { log: (s) => void lines.push(s), error: (s) => void lines.push(s) }, silentProgress);
    expect(code, lines.join('\n')).toBe(0);
  } finally {
    delete process.env.CHOKEPOINT_PRINT_VIEW;
  }
  return out;
}

/** Each page rasterised at 30 dpi, as bytes: equal arrays mean the pages look the same. */
function pages(file: string): Buffer[] {
  const dir = join(tmp.path, `${file.split('/').pop()}-png`);
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('/usr/bin/pdftoppm', ['-r', '30', '-png', file, join(dir, 'p')]);
  return readdirSync(dir)
    .sort()
    .map((f) => readFileSync(join(dir, f)));
}

describe('printing without reveal', () => {
  it("gives the same PDF as reveal's print view: text, look of every page, bookmarks and tags", async () => {
    // The light-theme fixture has a chart, code, a quote, a table of sources and emphasis.
    const deck = 'tests/fixtures/decks/light';
    expect(
      staticPrint(
        compileInput(deck, (path) => path),
        { notes: false, fragments: false },
      ),
    ).toBeDefined();
    const mine = await exportWith('static', deck, 'static.pdf');
    const theirs = await exportWith('reveal', deck, 'reveal.pdf');
    expect(pdfText(mine)).toBe(pdfText(theirs));
    expect(pdfOutline(mine)).toEqual(pdfOutline(theirs));
    const [a, b] = [pages(mine), pages(theirs)];
    expect(a.length).toBeGreaterThan(3);
    expect(a.map((p, i) => p.equals(b[i]!))).toEqual(a.map(() => true));
    const tags = (f: string) =>
      (execFileSync('/usr/bin/qpdf', ['--json=2', '--json-key=qpdf', f], { encoding: 'utf8', maxBuffer: 64 << 20 }).match(/"\/S": "\/\w+"/g) ?? []).sort();
    expect(tags(mine)).toEqual(tags(theirs));
  });
});

describe('the window the print view is laid out in', () => {
  /** The RGB of the pixel at (x, y) of page 1, rasterised at 10 dpi (pdftoppm's PPM: a text header, then RGB bytes). */
  const pixel = (file: string, x: number, y: number): number[] => {
    const ppm = execFileSync('/usr/bin/pdftoppm', ['-r', '10', '-f', '1', '-l', '1', file]);
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40))!;
    const at = header[0].length + 3 * (y * Number(header[1]) + x);
    return [...ppm.subarray(at, at + 3)];
  };

  it("is the page's size: a theme's narrow-window media query does not paint the printed pages", async () => {
    // The export once laid the print view out in a 480x270 window: the page background it copies onto every page
    // came from the narrow-window rule, so the slides printed white where a 1920x1080 window (and the page) is dark.
    const dir = join(tmp.path, 'narrow-rule');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'deck.md'), '---\ntitle: Narrow-window styles\ntheme: narrow.css\n---\n\n## A slide\n\nText on the theme background.\n');
    writeFileSync(join(dir, 'narrow.css'), '@media (max-width: 800px) { .reveal-viewport { background: #ffffff; } }\n');
    expect(
      staticPrint(
        compileInput(dir, (path) => path),
        { notes: false, fragments: false },
      ),
    ).toBeDefined();
    const pdf = await exportWith('static', dir, 'narrow-rule.pdf');
    // The theme's ink (#0c1117) in the page's corner, where no text is.
    expect(pixel(pdf, 2, 2)).toEqual([12, 17, 23]);
  });
});

describe('which decks print without reveal', () => {
  const deck = (html: string, reveal: Record<string, unknown> = {}) => ({ html, meta: { width: 1920, height: 1080, reveal } }) as unknown as Deck;
  const plain = '<section><h2>One</h2><p class="fragment">a</p></section><section><h2>Two</h2></section>';

  it('plain slides, with settings that do not change the printed slides', () => {
    expect(staticPrint(deck(plain, { transition: 'none', hash: true, totalTime: 600 }), { notes: false, fragments: false })).toEqual({
      width: 1920,
      height: 1080,
      slideNumbers: true,
    });
    expect(staticPrint(deck(plain, { slideNumber: false }), { notes: false, fragments: false })?.slideNumbers).toBe(false);
  });

  it('not notes, fragment steps, slide backgrounds, fitted text, lazy media, stacks, scripts or layout settings', () => {
    const none = { notes: false, fragments: false };
    expect(staticPrint(deck(plain), { notes: true, fragments: false })).toBeUndefined();
    expect(staticPrint(deck(plain), { notes: false, fragments: true })).toBeUndefined();
    for (const html of [
      '<section data-background-color="#fff"><h2>x</h2></section>',
      '<section><h2 class="r-fit-text">x</h2></section>',
      '<section><img data-src="a.png"></section>',
      '<section><section><h2>x</h2></section></section>',
      '<section><script src="x.js"></script></section>',
    ])
      expect(staticPrint(deck(html), none), html).toBeUndefined();
    expect(staticPrint(deck(plain, { center: true }), none)).toBeUndefined();
  });
});
