import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInTheme, THEMES } from '../../../src/compile/themes.ts';
import { compileText } from '../helpers.ts';

describe('the theme registry', () => {
  it('names every built-in theme once, with a stylesheet that exists', () => {
    expect(Object.keys(THEMES).sort()).toEqual(['chokepoint', 'dark', 'light']);
    for (const theme of Object.values(THEMES)) if (theme.stylesheet) expect(existsSync(new URL(`../../../${theme.stylesheet}`, import.meta.url))).toBe(true);
    expect(builtInTheme('constructor')).toBeUndefined();
  });

  it('is what front matter accepts, and what colour contrast is measured against', () => {
    expect(compileText('---\ntheme: light\n---\n# A\n').issues).toEqual([]);
    expect(compileText('---\ntheme: constructor\n---\n# A\n').issues.map((i) => i.code)).toEqual(['unknown-theme']);
    const dim = compileText('---\ntheme: light\ncolors: {A: "#eeeeee"}\n---\n# A\n').issues;
    expect(dim.map((i) => i.message)).toEqual([expect.stringContaining("against the light theme's background (#ffffff)")]);
    expect(compileText('---\ntheme: dark\ncolors: {A: "#111111"}\n---\n# A\n').issues[0]?.hint).toBe('pick a lighter shade');
  });
});
