// The PowerPoint's picture against the deck's: LibreOffice's PDF rasterised at the deck's size, both
// pictures shrunk by box averaging before the perceptual diff. The viewer sets text in another font
// (DejaVu Sans for Inter here), so glyphs never match pixel for pixel; shrunk 8 times, a line of text is a
// grey bar whose place and length still count, and what the raster can judge (a missing picture, a box
// out of place, a slide that lost its background) shows as it does at full size.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { compareImages, type ImageDiff } from './image-diff.ts';

/** How much both pictures are shrunk before they are compared. */
export const SHRINK = 8;

// PNG.sync.read answers a plain object: copied into a PNG, so image-diff takes it as decoded.
const readPng = (bytes: Buffer): PNG => Object.assign(new PNG({ width: 0, height: 0 }), PNG.sync.read(bytes));

/** `png` made `factor` times smaller, each pixel the mean of the block it covers (alpha dropped). */
export function shrink(png: PNG, factor = SHRINK): PNG {
  const width = Math.floor(png.width / factor);
  const height = Math.floor(png.height / factor);
  const out = new PNG({ width, height });
  const sums = new Float64Array(width * 3);
  const src = png.data;
  const n = factor * factor;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (y * factor + dy) * png.width * 4;
      for (let x = 0; x < width * factor; x++, i += 4) {
        const o = Math.floor(x / factor) * 3;
        sums[o] = sums[o]! + src[i]!;
        sums[o + 1] = sums[o + 1]! + src[i + 1]!;
        sums[o + 2] = sums[o + 2]! + src[i + 2]!;
      }
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out.data[o] = Math.round(sums[x * 3]! / n);
      out.data[o + 1] = Math.round(sums[x * 3 + 1]! / n);
      out.data[o + 2] = Math.round(sums[x * 3 + 2]! / n);
      out.data[o + 3] = 255;
    }
  }
  return out;
}

/** Each page of a PDF as a PNG of `width` x `height` px (pdftoppm). */
export function rasterise(pdf: string, dir: string, width: number, height: number): PNG[] {
  const prefix = join(dir, 'page');
  const run = spawnSync('pdftoppm', ['-png', '-scale-to-x', String(width), '-scale-to-y', String(height), pdf, prefix], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
  return readdirSync(dir)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort()
    .map((f) => readPng(readFileSync(join(dir, f))));
}

/** The PNGs of a folder written by `chokepoint png`, in slide order. */
export function slidePngs(dir: string): PNG[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-.*\.png$/.test(f))
    .sort()
    .map((f) => readPng(readFileSync(join(dir, f))));
}

/** pixelmatch's colour threshold for the shrunk pictures: grey bars of text in two fonts are near, not equal. */
export const COLOUR = 0.25;

/** The shrunk reference against the output rendered as small (poppler antialiases as box averaging does). */
export function comparePictures(reference: PNG, output: PNG): ImageDiff {
  return compareImages(reference, output, { threshold: COLOUR, tile: 12 });
}
