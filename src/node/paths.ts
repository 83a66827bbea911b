import { fileURLToPath } from 'node:url';

/** The Chokepoint package folder (works from src/ under vitest and from the compiled lib/). */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
