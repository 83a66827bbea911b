import { DeckError, type DeckIssue } from './errors.ts';
import { builtInTheme } from './themes.ts';

/** Contrast a coloured mark needs against the background (WCAG 2.1, non-text contrast). */
export const MIN_CONTRAST = 3;

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Front matter `colors: {Nvidia: "#76b900"}`: entity names to #rgb or #rrggbb colours (the forms every
 * export, PowerPoint included, reads the same). Anything else is an error at the `colors` line.
 */
export function readColors(value: Record<string, unknown>, file: string, line: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, colour] of Object.entries(value)) {
    const text = typeof colour === 'string' ? colour.trim() : '';
    if (!HEX.test(text)) {
      throw new DeckError({
        file,
        line,
        code: 'bad-color',
        message: `front matter \`colors\` gives "${name}" ${typeof colour === 'string' ? `"${colour}"` : 'no colour'}, not a hex colour`,
        hint: 'write a quoted hex colour, e.g. `colors: {Nvidia: "#76b900", Huawei: "#e0202b"}`',
      });
    }
    out[name] = text.length === 4 ? `#${[...text.slice(1)].map((c) => c + c).join('')}`.toLowerCase() : text.toLowerCase();
  }
  return out;
}

/** A warning for each colour that a built-in theme's background would swallow (custom CSS themes are not known here). */
export function colorContrastIssues(colors: Record<string, string>, theme: string, file: string, line: number): DeckIssue[] {
  const built = builtInTheme(theme);
  if (!built) return [];
  const bg = built.background;
  return Object.entries(colors).flatMap(([name, colour]) => {
    const ratio = contrast(colour, bg);
    return ratio >= MIN_CONTRAST
      ? []
      : [
          {
            file,
            line,
            severity: 'warning' as const,
            code: 'color-contrast',
            message: `the colour ${colour} for "${name}" has a contrast of ${ratio.toFixed(2)}:1 against the ${built.label} theme's background (${bg}); marks need ${MIN_CONTRAST}:1`,
            hint: built.label === 'light' ? 'pick a darker shade' : 'pick a lighter shade',
          },
        ];
  });
}

function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
