import { relative, resolve } from 'node:path';

/** A path as shown to the author: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : resolve(path);
}
