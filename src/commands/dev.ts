import { displayPath } from '../node/display-path.ts';
import { listeningLines, startDevServer } from '../vite/server.ts';
import type { Out } from './terminal.ts';

/** `chokepoint dev`: starts the Vite dev server and prints where it listens (it runs until Ctrl+C). */
export async function runDev(
  input: string,
  options: { port?: number; host?: string; allowHosts: readonly string[]; allowDirs: readonly string[] },
  out: Out,
): Promise<number> {
  const { port, host } = options;
  const server = await startDevServer({ input, port, host, allowHosts: options.allowHosts, allowDirs: options.allowDirs }).catch((e: Error) => e);
  if (server instanceof Error)
    return (out.error(`chokepoint: the dev server did not start (${host ?? 'localhost'}:${port ?? 5173}): ${server.message.split('\n')[0]}`), 1);
  const [url, ...more] = listeningLines(server, port);
  out.log(`Presenting ${displayPath(input)} at ${url}  (s: speaker console, f: fullscreen, Esc: overview; Ctrl+C to stop)`);
  for (const line of more) out.log(line);
  return 0;
}
