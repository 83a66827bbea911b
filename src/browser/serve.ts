import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import sirv from 'sirv';
// The asset policy has its own module, so that dev's first page (src/vite/) need not load sirv.
import { assetHeaders } from './asset-policy.ts';
import { hostAllowed, hostRefusal } from './host-check.ts';

/** A static server for a built deck, on loopback. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
  server: Server;
}

const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/**
 * A request handler for the built deck in `dir`: sirv (Range, HEAD, ETag, MIME types) behind a gate that
 * lets through only regular, readable files inside the folder (links resolved). Everything else is answered
 * here: 400 for a malformed path, 403 outside the folder or unreadable, 404 for the rest. Nothing a request
 * asks for can crash the server: every file stream gets an error handler. Every file but the deck page
 * (`index.html` at the top) carries ASSET_POLICY.
 */
export function staticHandler(dir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const root = realpathSync(resolve(dir));
  const files = sirv(root, { dev: true, etag: true, dotfiles: false });
  const page = join(root, 'index.html');
  const answer = (res: ServerResponse, status: number) =>
    void res
      .writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end(status === 403 ? 'forbidden' : status === 400 ? 'bad request' : 'not found');
  return (req, res) => {
    // sirv pipes the file into the response without listening for errors; `pipe` hands us the stream first.
    res.on('pipe', (src: Readable) => src.on('error', () => (res.headersSent ? res.destroy() : answer(res, 500))));
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return answer(res, 400);
    }
    if (path.includes('\0')) return answer(res, 400);
    let file = normalize(join(root, path));
    if (!inside(root, file)) return answer(res, 403);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!statSync(file).isFile()) return answer(res, 404);
      if (!inside(root, realpathSync(file))) return answer(res, 403);
      accessSync(file, constants.R_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return answer(res, code === 'EACCES' || code === 'EPERM' ? 403 : 404);
    }
    if (file !== page) assetHeaders(res);
    files(req, res, () => answer(res, 404));
  };
}

/**
 * Serves `dir` (a built deck) on `host` (loopback by default); port 0 picks a free one. A request whose
 * `Host` is not an address, a localhost name, `host` or one of `allowHosts` gets a 403 (DNS rebinding).
 */
export function serveStatic(dir: string, port = 0, host = '127.0.0.1', allowHosts: readonly string[] = []): Promise<StaticServer> {
  const files = staticHandler(dir);
  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, host, allowHosts))
      return void res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(hostRefusal(req.headers.host));
    files(req, res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      // A socket error after the start (a client resetting) must not take the server down.
      server.on('error', () => undefined);
      const { port: actual } = server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      done({
        url: `http://${shown}:${actual}/`,
        server,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

/** Why a server could not start, in plain words (busy port, unknown host), or undefined for other errors. */
export function listenProblem(e: unknown, host: string, port: number): { message: string; hint: string } | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return { message: `port ${port} on ${host} is already in use`, hint: 'stop the other server, or choose another port with --port (0 picks a free one)' };
  if (code === 'EACCES') return { message: `not allowed to listen on port ${port}`, hint: 'ports below 1024 need privileges: choose another with --port' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL' || code === 'EINVAL' || code === 'ERR_INVALID_ARG_TYPE') {
    return {
      message: `cannot listen on host \`${host}\` (${code === 'EADDRNOTAVAIL' ? 'not an address of this machine' : 'not a valid host name or address'})`,
      hint: 'use --host localhost, 127.0.0.1, or 0.0.0.0 for every interface',
    };
  }
  return undefined;
}
