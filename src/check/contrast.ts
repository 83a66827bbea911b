import type { Rgba } from './types.ts';

/** WCAG 2 AA minimum contrast for body text and for large text (24 px, or 18.67 px bold, at 1920×1080). */
export const AA_NORMAL = 4.5;
export const AA_LARGE = 3;

/** Lays `top` over `bottom` (source-over); the result is opaque when `bottom` is. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3] + bottom[3] * (1 - top[3]);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
  return [mix(0), mix(1), mix(2), a];
}

/** The opaque colour behind a text: its backgrounds (nearest first) stacked on white, the browser's canvas. */
export function flatten(backgrounds: readonly Rgba[]): Rgba {
  return backgrounds.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

/** WCAG relative luminance of an opaque sRGB colour. */
export function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio (1–21) of a text colour, with its alpha and opacity, over an opaque background. */
export function contrastRatio(fg: Rgba, bg: Rgba, opacity = 1): number {
  const text = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
  const [a, b] = [luminance(text), luminance(bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Whether text counts as large for WCAG; `px` is its size on a 1920×1080 screen. */
export const isLarge = (px: number, bold: boolean) => px >= 24 || (bold && px >= 18.66);

/** `#rrggbb` for messages. */
export const hex = ([r, g, b]: Rgba) => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
