import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { hostAllowed, hostRefusal, originAllowed, refuseUpgrade } from '../browser/host-check.ts';
import { staticHandler } from '../browser/serve.ts';
import { parseStateMessage, stateMessage } from './protocol.ts';
import { DEFAULT_LIMITS, SocketHub, type SocketLimits } from './sockets.ts';

export interface PresentServer {
  /** The page everyone may watch; it follows the presenter. */
  audienceUrl: string;
  /** The speaker console; its token is the only thing that lets a device drive the deck. */
  presenterUrl: string;
  token: string;
  server: Server;
  /** WebSockets open now (audience and presenter), for the connection cap and tests. */
  sockets(): number;
  close(): Promise<void>;
}

export interface PresentOptions {
  port?: number;
  host?: string;
  /** Host names answered besides addresses and localhost (`--allow-host`). */
  allowHosts?: readonly string[];
  /** WebSocket limits; the defaults suit a talk (2,000 pages). */
  limits?: Partial<SocketLimits>;
  /** Told what the audience does not see: the connection cap reached. */
  notice?: (line: string) => void;
}

/**
 * Serves a built deck for presenting: `/` for the audience, `/presenter?token=…` for the speaker
 * console, and two WebSocket channels: `/control?token=…`, on which the presenter sends where the deck
 * is, and `/sync`, on which audience pages only listen. Without the right token, `/presenter` and
 * `/control` answer 403. A page that connects gets the current state at once (late joiners catch up).
 * Requests addressed to a foreign name, WebSockets from another site's page, malformed targets and
 * frames are refused one by one; the server keeps serving.
 */
export function startPresentServer(dir: string, options: PresentOptions = {}): Promise<PresentServer> {
  const host = options.host ?? 'localhost';
  // 24 URL-safe characters, new on every run.
  const token = randomBytes(18).toString('base64url');
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const page = (role: 'audience' | 'presenter') => index.replace('<head>', `<head>\n<meta name="chokepoint-present" content="${role}">`);
  const pages = { audience: page('audience'), presenter: page('presenter') };
  const files = staticHandler(dir);
  const matches = (given: string | undefined) => {
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  // The token leaves the presenter's address at once (a redirect, else the page's own script); this
  // HttpOnly cookie, which no script can read, lets the page, a reload and its control socket in.
  let cookieName = 'chokepoint-presenter';
  const fromQuery = (url: URL) => matches(url.searchParams.get('token') ?? undefined);
  const tokenOk = (url: URL, req: IncomingMessage) => fromQuery(url) || matches(cookie(req, cookieName));

  const hostOk = (req: IncomingMessage) => hostAllowed(req.headers.host, host, options.allowHosts);
  const server = createServer((req, res) => {
    if (!hostOk(req)) return void res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(hostRefusal(req.headers.host));
    const url = requestUrl(req);
    if (!url) return void res.writeHead(400, { 'Content-Type': 'text/plain', Connection: 'close' }).end('400: not a valid request target\n');
    const path = url.pathname;
    const html = (body: string) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      res.end(body);
    };
    if (path === '/' || path === '/index.html') return html(pages.audience);
    if (path === '/presenter') {
      if (fromQuery(url)) {
        res.setHeader('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
        // A browser opening the printed URL goes on to the address without the token: the page, its
        // frames and its history never hold it (tools that fetch the URL get the page).
        if (req.headers['sec-fetch-dest'] === 'document') {
          url.searchParams.delete('token');
          return void res.writeHead(303, { Location: `/presenter${url.search}`, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).end();
        }
      }
      if (!tokenOk(url, req)) return void res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end(NO_TOKEN);
      // The remote is never shown inside another page (no clickjacking of the presenter's buttons).
      res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
      return html(pages.presenter);
    }
    files(req, res);
  });

  let state: string | undefined;
  const hub = new SocketHub({ ...DEFAULT_LIMITS, ...options.limits }, options.notice);
  const audience = hub.channel();
  const control = hub.channel();
  control.on('connection', (ws) => {
    // Always answered, null before anyone moved: the presenter page waits for it before it speaks.
    ws.send(state ?? stateMessage(null));
    ws.on('message', (raw) => {
      // Only a deck state moves the audience: null (or anything malformed) from the presenter is dropped.
      const next = parseStateMessage(String(raw));
      if (!next) return;
      state = stateMessage(next);
      hub.broadcast(state, ws);
    });
  });
  // Audience pages only listen: whatever they send is dropped.
  audience.on('connection', (ws) => {
    if (state) ws.send(state);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets while it is refused must not raise an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    if (!hostOk(req)) return refuseUpgrade(socket, '403 Forbidden', hostRefusal(req.headers.host).trim());
    const url = requestUrl(req);
    if (!url) return refuseUpgrade(socket, '400 Bad Request');
    if (!originAllowed(req)) return refuseUpgrade(socket, '403 Forbidden', '403: a page from another site may not connect');
    const path = url.pathname;
    if (path === '/sync') return hub.accept(audience, req, socket, head);
    if (path !== '/control') return refuseUpgrade(socket, '404 Not Found');
    if (!tokenOk(url, req)) return refuseUpgrade(socket, '403 Forbidden');
    hub.accept(control, req, socket, head);
  });

  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 4173, host, () => {
      server.off('error', fail);
      server.on('error', () => undefined);
      const { port } = server.address() as AddressInfo;
      // Cookies are shared by every port of a host: one per server, so two talks do not log each other out.
      cookieName = `chokepoint-presenter-${port}`;
      const base = `http://${urlHost(host)}:${port}/`;
      done({
        audienceUrl: base,
        presenterUrl: `${base}presenter?token=${token}`,
        token,
        server,
        sockets: () => hub.count,
        close: () =>
          new Promise((closed) => {
            hub.close();
            server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    });
  });
}

const NO_TOKEN =
  '403: the presenter page needs the token printed by `chokepoint present`. Open that URL; it keeps this browser signed in with a cookie, so allow cookies for this address.\n';

/** The value of cookie `name` in the request, if any. */
function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The request's target as a URL, or undefined when it is none (`//[`, a port past 65535): a 400, never a crash. */
function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://x');
  } catch {
    return undefined;
  }
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);
