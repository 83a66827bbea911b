import type { Box } from './types.ts';

/** Converts deck px to PowerPoint's units: the slide is 7.5 in tall, as PowerPoint's own 16:9 and 4:3 sizes are. */
export interface Units {
  /** Slide size in inches. */
  width: number;
  height: number;
  /** Slide size in deck px. */
  px: { width: number; height: number };
  inch(px: number): number;
  pt(px: number): number;
  rect(box: Box): { x: number; y: number; w: number; h: number };
}

/** Units for a deck `width` x `height` px. */
export function units(width: number, height: number): Units {
  const perInch = height / 7.5;
  const inch = (px: number) => Math.round((px / perInch) * 10_000) / 10_000;
  return {
    width: inch(width),
    height: 7.5,
    px: { width, height },
    inch,
    pt: (px) => Math.round(((px * 72) / perInch) * 10) / 10,
    rect: (b) => ({ x: inch(b.x), y: inch(b.y), w: inch(Math.max(b.w, 1)), h: inch(Math.max(b.h, 1)) }),
  };
}
