import type { ResolvedUrls } from './front.ts';

/**
 * What `dev` prints once listening: every URL the server answers on (with `--host 0.0.0.0`, the network
 * addresses too), and the port it took when the one asked for was busy.
 */
export function listeningLines(server: { resolvedUrls: ResolvedUrls | null; port?: number }, requestedPort: number | undefined): string[] {
  const urls = [...(server.resolvedUrls?.local ?? []), ...(server.resolvedUrls?.network ?? [])];
  const port = server.port ?? Number(new URL(urls[0] ?? 'http://localhost:5173/').port);
  const wanted = requestedPort ?? 5173;
  const moved = wanted !== 0 && port !== wanted ? ` (port ${wanted} is in use; took ${port})` : '';
  return urls.length > 0 ? urls.map((u, i) => `${i === 0 ? '' : '  also '}${u}${i === 0 ? moved : ''}`) : [`http://localhost:${port}/${moved}`];
}
