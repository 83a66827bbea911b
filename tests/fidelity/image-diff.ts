// The fidelity harness's image comparison: pixelmatch (perceptual colour distance in YIQ, anti-aliased
// pixels told apart) over two PNGs of the same size, less the pixels the other image has a pixel over
// (another rasteriser's glyph edges), scored both over the whole image and per tile.
// A whole-image ratio hides a small defect (a page number "2" for "2 / 39" is ~0.05% of a slide); the
// worst tile does not, while rasteriser noise (Skia on screen, poppler for a PDF) stays low in every tile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** How two images compare. */
export interface ImageDiff {
  width: number;
  height: number;
  /** Pixels that differ: flagged by pixelmatch, and not matched in the other image within `shift` pixels. */
  pixels: number;
  /** `pixels` over all pixels (0..1). */
  ratio: number;
  /** The largest share of different pixels in one tile (0..1): where a local defect shows. */
  worstTile: number;
  /** The worst tile's box, in pixels. */
  tile: { x: number; y: number; size: number };
  /** The diff picture (pixelmatch's: differences in red over a faded copy of the reference). */
  diff: PNG;
}

/** Options for {@link compareImages}. */
export interface DiffOptions {
  /** pixelmatch's colour threshold (0..1, smaller is stricter). */
  threshold?: number;
  /** Side of the square tiles of {@link ImageDiff.worstTile}, in pixels. */
  tile?: number;
  /** How far (px) a pixel may have moved and still count as the same; 0 (the default) counts every pixel pixelmatch flags. */
  shift?: number;
}

/** Largest per-channel difference two pixels may have and still match in {@link nearby}. */
const CLOSE = 48;

/** Whether pixel (x, y) of `from` has a close match in `to` within `r` pixels. */
function nearby(from: Buffer, to: Buffer, width: number, height: number, x: number, y: number, r: number): boolean {
  const i = (y * width + x) * 4;
  for (let dy = -r; dy <= r; dy++) {
    const yy = y + dy;
    if (yy < 0 || yy >= height) continue;
    for (let dx = -r; dx <= r; dx++) {
      const xx = x + dx;
      if (xx < 0 || xx >= width) continue;
      const j = (yy * width + xx) * 4;
      if (Math.abs(from[i]! - to[j]!) <= CLOSE && Math.abs(from[i + 1]! - to[j + 1]!) <= CLOSE && Math.abs(from[i + 2]! - to[j + 2]!) <= CLOSE) return true;
    }
  }
  return false;
}

/** Reads a PNG file's bytes. */
export const readPng = (bytes: Buffer): PNG => PNG.sync.read(bytes);

/** Encodes a PNG. */
export const writePngBytes = (png: PNG): Buffer => PNG.sync.write(png);

/**
 * Compares `actual` with `expected`. Images of different sizes differ everywhere (ratio 1): an output at
 * the wrong size is a defect of its own, not something to scale away.
 */
export function compareImages(expected: Buffer | PNG, actual: Buffer | PNG, options: DiffOptions = {}): ImageDiff {
  const a = Buffer.isBuffer(expected) ? readPng(expected) : expected;
  const b = Buffer.isBuffer(actual) ? readPng(actual) : actual;
  const { width, height } = a;
  const size = options.tile ?? 48;
  const diff = new PNG({ width, height });
  if (b.width !== width || b.height !== height) {
    diff.data.fill(255);
    return { width, height, pixels: width * height, ratio: 1, worstTile: 1, tile: { x: 0, y: 0, size }, diff };
  }
  // Screenshots of the same build are often the very same pixels: no need to look closer (nor paint a diff).
  if (a.data.equals(b.data)) return { width, height, pixels: 0, ratio: 0, worstTile: 0, tile: { x: 0, y: 0, size }, diff };
  pixelmatch(a.data, b.data, diff.data, width, height, { threshold: options.threshold ?? 0.1, includeAA: false });
  // pixelmatch paints differing pixels pure red (255, 0, 0) in the diff image. One the other image matches
  // within `shift` pixels (a glyph's edge drawn a pixel over by another rasteriser) is repainted yellow, as
  // pixelmatch paints anti-aliasing, and not counted; the rest are counted per tile.
  const shift = options.shift ?? 0;
  const cols = Math.ceil(width / size);
  const counts = new Uint32Array(cols * Math.ceil(height / size));
  const data = diff.data;
  let pixels = 0;
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / size) * cols;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (data[i] !== 255 || data[i + 1] !== 0 || data[i + 2] !== 0) continue;
      if (shift > 0 && nearby(a.data, b.data, width, height, x, y, shift) && nearby(b.data, a.data, width, height, x, y, shift)) {
        data[i + 1] = 255;
        continue;
      }
      pixels++;
      counts[row + Math.floor(x / size)]!++;
    }
  }
  let worst = 0;
  let at = 0;
  counts.forEach((n, i) => {
    if (n > worst) {
      worst = n;
      at = i;
    }
  });
  const x = (at % cols) * size;
  const y = Math.floor(at / cols) * size;
  const area = Math.min(size, width - x) * Math.min(size, height - y);
  return { width, height, pixels, ratio: pixels / (width * height), worstTile: worst / area, tile: { x, y, size }, diff };
}

/**
 * Writes `<name>-reference.png`, `<name>-output.png` and `<name>-diff.png` into `dir` (created when
 * missing) and returns the diff's path, for a failure message to print.
 */
export function writeDiffImages(dir: string, name: string, expected: Buffer, actual: Buffer, result: ImageDiff): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}-reference.png`), expected);
  writeFileSync(join(dir, `${name}-output.png`), actual);
  const path = join(dir, `${name}-diff.png`);
  writeFileSync(path, writePngBytes(result.diff));
  return path;
}

/** A one-line summary of a comparison, for reports and failure messages. */
export const describeDiff = (d: ImageDiff) =>
  `${(d.ratio * 100).toFixed(3)}% of pixels differ, worst ${d.tile.size}px tile ${(d.worstTile * 100).toFixed(1)}% at (${d.tile.x}, ${d.tile.y})`;
