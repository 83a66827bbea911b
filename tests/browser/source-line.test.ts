import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchBrowser, openDeck, tempDir } from './helpers.ts';

// A chart's source line used to sit under the chart (y ~985 at 1080p) while a text slide's sat in the footer
// (~1048): the same line jumped from slide to slide. Every slide's source line now sits in the footer, with or
// without a deck footer; a chart slide that also cites in its text stacks the two lines, never overlapping.
const tmp = tempDir('chokepoint-source-line-');
afterAll(() => tmp.remove());

const CHART = (source: string) =>
  ['```chart', 'kind: bar', 'title: T', 'data:', '  - { k: a, v: 1 }', '  - { k: b, v: 2 }', 'x: k', 'y: v', `source: [${source}]`, '```'].join('\n');

function deck(footer: boolean): string {
  const dir = join(tmp.path, footer ? 'footer' : 'plain');
  writeFileSync(
    join(tmp.path, 'sources.yaml'),
    'a:\n  title: "A"\n  publisher: Alpha\n  date: 2025-01-01\n  url: https://example.com/a\nb:\n  title: "B"\n  publisher: Beta\n  date: 2025-01-02\n  url: https://example.com/b\n',
  );
  const md = [
    '---',
    'title: Source lines',
    'sources: sources.yaml',
    ...(footer ? ['footer: "Deck footer"'] : []),
    '---',
    '',
    '# Title (no deck footer here)',
    '',
    '---',
    '',
    '## Text',
    '',
    'A claim [@a].',
    '',
    '---',
    '',
    '## Chart',
    '',
    CHART('a'),
    '',
    '---',
    '',
    '## Chart and text',
    '',
    CHART('a'),
    '',
    'Another claim [@b].',
    '',
  ].join('\n');
  const file = `${dir}.md`;
  writeFileSync(file, md);
  return file;
}

describe('source lines', () => {
  it.each([false, true])(
    'sit at the same height on text and chart slides (deck footer: %s)',
    async (footer) => {
      const [browser, site] = await Promise.all([launchBrowser(), buildAndServe(deck(footer))]);
      try {
        const { page, errors } = await openDeck(browser, site.url);
        const lines = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')].map((s) => {
            window.Reveal.slide(window.Reveal.getIndices(s).h);
            const box = (el: Element | null) => {
              if (!el) return null;
              const r = el.getBoundingClientRect();
              return { left: Math.round(r.left), top: Math.round(r.top), bottom: Math.round(r.bottom) };
            };
            const svg = s.querySelector('svg.chart-svg');
            return {
              text: box(s.querySelector(':scope > footer.slide-sources')),
              chart: box(s.querySelector('.chart-source')),
              svgBottom: svg ? Math.round(svg.getBoundingClientRect().bottom) : null,
              deckFooter: box(s.querySelector(':scope > .deck-footer')),
            };
          }),
        );
        const [text, chart, both] = lines.slice(1);
        // The chart's source line has the text slide's footer box: same left, same baseline.
        expect(chart!.chart).toEqual(text!.text);
        expect(text!.text!.bottom).toBeGreaterThan(1000);
        // With text citations too, the chart's line sits directly above the slide's own line.
        expect(both!.text).toEqual(text!.text);
        expect(both!.chart!.bottom).toBeLessThanOrEqual(both!.text!.top);
        expect(both!.chart!.bottom).toBeGreaterThan(both!.text!.top - 12);
        for (const l of lines.slice(1)) {
          if (l.chart) expect(l.chart.top).toBeGreaterThanOrEqual(l.svgBottom!);
          if (l.deckFooter) for (const b of [l.text, l.chart]) if (b) expect(b.bottom).toBeLessThanOrEqual(l.deckFooter.top);
        }
        expect(errors).toEqual([]);
      } finally {
        await Promise.all([browser.close(), site.close()]);
      }
    },
    120_000,
  );
});

describe('the sources list', () => {
  it('keeps three-digit reference numbers inside the slide margin, like the two-digit ones', async () => {
    const dir = join(tmp.path, 'many');
    mkdirSync(dir);
    const keys = Array.from({ length: 105 }, (_, i) => `s${i + 1}`);
    writeFileSync(join(dir, 'sources.yaml'), keys.map((k) => `${k}:\n  title: "Title ${k}"\n  publisher: Publisher\n  date: 2025-01-01\n`).join(''));
    const body = keys.map((k, i) => `${i % 5 === 0 ? '\n---\n\n## Claims\n\n' : ''}Claim [@${k}].\n`).join('');
    const sources = '\n---\n\n## Sources\n\n<!-- sources -->\n';
    writeFileSync(join(dir, 'deck.md'), `---\ntitle: Many sources\nsources: sources.yaml\n---\n${body}${sources}`);
    const [browser, site] = await Promise.all([launchBrowser(), buildAndServe(join(dir, 'deck.md'))]);
    try {
      const { page } = await openDeck(browser, site.url);
      // Each item's number is an outside marker: it ends a fixed gap left of the item's text. The widest
      // number on every sources page, measured in the marker's own font, must start right of the title edge.
      const overhang = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLOListElement>('ol.sources-list')].map((ol) => {
          const section = ol.closest('section')!;
          window.Reveal.slide(window.Reveal.getIndices(section).h);
          const scale = section.getBoundingClientRect().width / section.offsetWidth;
          const edge = section.querySelector('h1, h2')!.getBoundingClientRect().left;
          const ctx = document.createElement('canvas').getContext('2d')!;
          return Math.max(
            ...[...ol.children].map((li, i) => {
              const marker = getComputedStyle(li, '::marker');
              ctx.font = `${marker.fontWeight} ${marker.fontSize} ${marker.fontFamily}`;
              const width = ctx.measureText(`${ol.start + i}. `).width * scale;
              return Math.round(edge - (li.getBoundingClientRect().left - width));
            }),
          );
        }),
      );
      expect(overhang.length).toBeGreaterThan(4);
      for (const px of overhang) expect(px).toBeLessThanOrEqual(0);
    } finally {
      await Promise.all([browser.close(), site.close()]);
    }
  }, 120_000);
});
