// Checks a comparison with the reference cannot make, because the defect would be in the reference too:
// the section divider's chrome, chart-label glyphs and the signs the font subset must carry. Each is still
// judged on pixels (or on the font the browser picks), in Chromium.
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { compareImages, readPng, type ImageDiff } from './image-diff.ts';
import type { Built } from './render.ts';

/** A box on the slide, in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Copies `box` out of a picture. */
export function crop(picture: Buffer | PNG, box: Box): PNG {
  const src = Buffer.isBuffer(picture) ? readPng(picture) : picture;
  const out = new PNG({ width: box.width, height: box.height });
  for (let y = 0; y < box.height; y++)
    src.data.copy(out.data, y * box.width * 4, ((box.y + y) * src.width + box.x) * 4, ((box.y + y) * src.width + box.x + box.width) * 4);
  return out;
}

/**
 * Where the footer, the logo and the page number sit on a slide (deck.css: footer at left 40 / bottom 16,
 * logo at top 20 / right 40, number at right 96 / bottom 22), each box short of the title.
 */
export const CHROME_BOXES = (size: { width: number; height: number }): Record<string, Box> => ({
  footer: { x: 0, y: size.height - 64, width: 1200, height: 64 },
  // The logo's own box (max 200x48 at top 20 / right 40) and a little round it: a long title starts below it.
  logo: { x: size.width - 248, y: 12, width: 216, height: 56 },
  number: { x: size.width - 300, y: size.height - 64, width: 300, height: 64 },
});

/**
 * The footer and logo boxes of `section` compared with those of `plain` (a content slide with the same chrome):
 * a divider keeps its chrome where every other slide has it.
 */
export function chromeDiffs(section: Buffer | PNG, plain: Buffer | PNG, size: { width: number; height: number }): Record<string, ImageDiff> {
  const { footer, logo } = CHROME_BOXES(size);
  return Object.fromEntries(
    Object.entries({ footer, logo }).map(([name, box]) => [name, compareImages(crop(plain, box!), crop(section, box!), { tile: 16, shift: 1 })]),
  );
}

/**
 * Each chart label on slide `index` that has a hyphen, colon or sign, pictured as the page renders it and
 * again with Inter's tabular figures and contextual alternates switched off on it: a label is text, so the
 * two must be the same pixels. Returns the label and its comparison.
 */
export async function chartLabelDiffs(page: Page, built: Built, index: number): Promise<{ text: string; diff: ImageDiff }[]> {
  const slide = built.deck.slides[index]!;
  await page.evaluate(({ h, v }) => (window as unknown as { Reveal: { slide(h: number, v: number, f: number): void } }).Reveal.slide(h, v, 99_999), slide);
  await page.evaluate(() => document.fonts.ready);
  const labels = await page.evaluate(() => {
    const present = document.querySelector('.reveal .slides section.present')!;
    return Array.from(present.querySelectorAll<SVGTextElement>('svg text'))
      .filter((t) => /[-:≈≤≥→÷−×]/.test(t.textContent ?? '') && !t.closest('.axis-y') && !t.classList.contains('value'))
      .map((t, i) => {
        t.dataset.fidelityLabel = String(i);
        const r = t.getBoundingClientRect();
        return {
          i,
          text: t.textContent ?? '',
          box: { x: Math.floor(r.left) - 4, y: Math.floor(r.top) - 4, width: Math.ceil(r.width) + 8, height: Math.ceil(r.height) + 8 },
        };
      });
  });
  const results: { text: string; diff: ImageDiff }[] = [];
  for (const label of labels) {
    const as = await page.screenshot({ clip: label.box });
    await page.evaluate((i) => {
      const t = document.querySelector<SVGTextElement>(`[data-fidelity-label="${i}"]`)!;
      t.style.fontFeatureSettings = "'tnum' 0, 'calt' 0";
      t.style.fontVariantNumeric = 'normal';
    }, label.i);
    const plain = await page.screenshot({ clip: label.box });
    await page.evaluate((i) => {
      const t = document.querySelector<SVGTextElement>(`[data-fidelity-label="${i}"]`)!;
      t.style.fontFeatureSettings = '';
      t.style.fontVariantNumeric = '';
    }, label.i);
    results.push({ text: label.text, diff: compareImages(plain, as, { tile: 16, shift: 1 }) });
  }
  return results;
}

/**
 * The signs from `signs` that the deck's text font (the first family of `.reveal`'s font, Inter in the
 * theme), weight by weight as the theme uses it, does not draw: each is measured with that font first and
 * two unlike fallbacks after it; a sign the font lacks takes the fallbacks' different widths.
 */
export async function signsMissingFromFont(page: Page, signs: string): Promise<{ family: string; missing: string[] }> {
  return page.evaluate(async (signs) => {
    const family = getComputedStyle(document.querySelector('.reveal')!).fontFamily.split(',')[0]!.trim();
    const missing = new Set<string>();
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const weight of [400, 600, 800]) {
      await document.fonts.load(`${weight} 100px ${family}`, signs);
      for (const sign of Array.from(signs)) {
        const width = (fallback: string) => {
          canvas.font = `${weight} 100px ${family}, ${fallback}`;
          return canvas.measureText(sign.repeat(4)).width;
        };
        if (Math.abs(width('serif') - width('monospace')) > 0.01) missing.add(sign);
      }
    }
    return { family, missing: [...missing] };
  }, signs);
}
