import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckIssue } from '../../src/check/types.ts';
import { main } from '../../src/cli.ts';
import { LAYOUTS } from '../../src/compile/layouts.ts';
import { scaffoldDeck } from '../../src/new/scaffold.ts';
import { buildAndServe, launchBrowser, openDeck, tempDir } from './helpers.ts';

// Every named layout on one slide each, with a footer and a logo, beside a plain slide: check passes in both
// themes, and the footer and logo are exactly where the plain slide has them.
const FIXTURE = 'tests/fixtures/decks/layouts';
const tmp = tempDir('chokepoint-layouts-');
afterAll(() => tmp.remove());

function themed(theme: string): string {
  const dir = join(tmp.path, theme);
  cpSync(FIXTURE, dir, { recursive: true });
  const deck = join(dir, 'deck.md');
  writeFileSync(deck, readFileSync(deck, 'utf8').replace(/^---\n/, `---\ntheme: ${theme}\n`));
  return dir;
}

describe('named layouts', () => {
  it('the fixture uses every layout', () => {
    const used = [...readFileSync(join(FIXTURE, 'deck.md'), 'utf8').matchAll(/layout="([\w-]+)"/g)].map((m) => m[1]);
    expect(new Set(used)).toEqual(new Set(Object.keys(LAYOUTS)));
  });

  it.each(['dark', 'light'])(
    'pass check in the %s theme',
    async (theme) => {
      const out: string[] = [];
      const code = await main(['check', themed(theme), '--json'], { log: (s) => out.push(s), error: (s) => out.push(s) });
      const issues = (JSON.parse(out.join('\n')) as { issues: CheckIssue[] }).issues;
      expect(issues.map((i) => `${i.line}: ${i.rule}: ${i.message}`)).toEqual([]);
      expect(code).toBe(0);
    },
    120_000,
  );

  it('keep the footer and the logo where every other slide has them', async () => {
    const [browser, site] = await Promise.all([launchBrowser(), buildAndServe(join(FIXTURE, 'deck.md'))]);
    try {
      const { page } = await openDeck(browser, site.url);
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')].slice(1).map((s) => {
          window.Reveal.slide(window.Reveal.getIndices(s).h);
          const box = (sel: string) => {
            const r = s.querySelector(sel)!.getBoundingClientRect();
            return [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
          };
          return {
            layout: s.dataset.layout ?? 'plain',
            footer: box('.deck-footer'),
            logo: box('.deck-logo'),
            align: getComputedStyle(s.querySelector('.deck-footer')!).textAlign,
          };
        }),
      );
      expect(boxes).toHaveLength(Object.keys(LAYOUTS).length + 1);
      for (const b of boxes) expect(b, b.layout).toEqual({ ...boxes[0]!, layout: b.layout });
    } finally {
      await browser.close();
      await site.close();
    }
  }, 120_000);

  it('are in the starter deck from `new`, with an image, a footer and a logo, and it passes check', async () => {
    const dir = join(tmp.path, 'starter');
    scaffoldDeck(dir);
    const md = readFileSync(join(dir, 'deck.md'), 'utf8');
    expect(md).toMatch(/^footer: .+$/m);
    expect(md).toMatch(/^logo: logo\.png$/m);
    expect(md).toMatch(/layout="image-right"/);
    expect(md).toMatch(/!\[[^\]]+\]\(picture\.jpg\)/);
    const out: string[] = [];
    const code = await main(['check', dir], { log: (s) => out.push(s), error: (s) => out.push(s) });
    expect(out.join('\n')).toMatch(/^0 errors, 0 warnings \(8 slides checked/m);
    expect(code).toBe(0);
  }, 120_000);
});
