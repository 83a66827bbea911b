import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listenProblem, serveStatic } from '../browser/serve.ts';
import { formatIssue } from '../compile/errors.ts';
import { displayPath } from '../node/display-path.ts';
import type { Out } from './terminal.ts';

/** `chokepoint preview`: serves a built deck (it runs until Ctrl+C). */
export async function runPreview(dir: string, options: { port?: number; host?: string; allowHosts: readonly string[] }, out: Out): Promise<number> {
  if (!existsSync(join(dir, 'index.html'))) {
    out.error(
      formatIssue({
        file: displayPath(dir),
        line: 0,
        severity: 'error',
        code: 'no-build',
        message: 'no built deck here (index.html is missing)',
        hint: 'run `chokepoint build` first, e.g. `npm run build`, then `npm run preview`',
      }),
    );
    return 1;
  }
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4173;
  let served;
  try {
    served = await serveStatic(dir, port, host, options.allowHosts);
  } catch (e) {
    const problem = listenProblem(e, host, port);
    if (!problem) throw e;
    out.error(`chokepoint: ${problem.message}\n  hint: ${problem.hint}`);
    return 1;
  }
  out.log(`Serving ${displayPath(dir)} at ${served.url}  (Ctrl+C to stop)`);
  return 0;
}
