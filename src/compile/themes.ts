/** A built-in theme: its slides' background (for contrast warnings) and the stylesheet it adds to the base theme. */
export interface BuiltInTheme {
  /** Its name in messages. */
  label: 'dark' | 'light';
  background: string;
  /** Package-relative stylesheet of variables loaded after the base theme; none for dark, which the base theme is. */
  stylesheet?: string;
}

const DARK: BuiltInTheme = { label: 'dark', background: '#0c1117' };

/**
 * The theme registry: every name `theme:` accepts besides a .css file (`chokepoint` is the dark theme's
 * earlier name). A new theme is a stylesheet of variables under assets/theme/ and one entry here.
 */
export const THEMES: Readonly<Record<string, BuiltInTheme>> = {
  chokepoint: DARK,
  dark: DARK,
  light: { label: 'light', background: '#ffffff', stylesheet: 'assets/theme/light.css' },
};

/** The built-in theme of that name, if there is one (an own key: `constructor` is no theme). */
export const builtInTheme = (name: string): BuiltInTheme | undefined => (Object.hasOwn(THEMES, name) ? THEMES[name] : undefined);
