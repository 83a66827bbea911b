import { displayPath } from '../node/display-path.ts';
import { launchDevServer } from '../vite/launch.ts';
import { listeningLines } from '../vite/listening.ts';
import type { Out } from './terminal.ts';

/**
 * `chokepoint dev`: starts the dev server and prints where it listens (it runs until Ctrl+C). It listens,
 * and serves slide 1, before Vite is up; if Vite then fails to start, it says so and stops.
 */
export async function runDev(
  input: string,
  options: { port?: number; host?: string; allowHosts: readonly string[]; allowDirs: readonly string[] },
  out: Out,
  warm?: () => void,
): Promise<number> {
  const { port, host } = options;
  const failed = (e: Error) => `chokepoint: the dev server did not start (${host ?? 'localhost'}:${port ?? 5173}): ${e.message.split('\n')[0]}`;
  const server = await launchDevServer({ input, port, host, allowHosts: options.allowHosts, allowDirs: options.allowDirs }).catch((e: Error) => e);
  if (server instanceof Error) return (out.error(failed(server)), 1);
  const [url, ...more] = listeningLines({ resolvedUrls: server.urls, port: server.port }, port);
  out.log(`Presenting ${displayPath(input)} at ${url}  (s: speaker console, f: fullscreen, Esc: overview; Ctrl+C to stop)`);
  for (const line of more) out.log(line);
  // After the first compile and Vite's start: what a next start runs first is compiled by then.
  server.vite.then(
    () => warm?.(),
    () => undefined,
  );
  server.vite.catch(async (e: Error) => {
    out.error(failed(e));
    process.exitCode = 1;
    await server.close();
  });
  return 0;
}
