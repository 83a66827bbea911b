import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { hostAllowed, hostRefusal } from '../browser/host-check.ts';
import { notFound } from './serve-file.ts';
import { gateUpgrades } from './upgrade-gate.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface FrontOptions {
  port: number;
  host: string;
  allowHosts: readonly string[];
  /** Answers a request before Vite is up; false (or a later `wait()`) leaves it waiting for Vite. */
  early: (req: IncomingMessage, res: ServerResponse, wait: () => void) => boolean;
}

/** Where the server listens, as Vite prints it: loopback URLs as `local`, the others as `network`. */
export interface ResolvedUrls {
  local: string[];
  network: string[];
}

/**
 * The dev server's own HTTP server: it listens at once, answers the first page without Vite (see
 * early-page.ts) and holds other requests until Vite, started behind it in middleware mode, takes them all.
 * Before Vite is up it checks the `Host` as Vite does after; the WebSocket gate (sockets.ts) is on it from
 * the start, and Vite's hot-reload socket attaches to it.
 */
export class FrontServer {
  readonly server: Server;
  port = 0;
  urls: ResolvedUrls = { local: [], network: [] };
  private vite: Handler | undefined;
  private held: (() => void)[] = [];
  private failed: string | undefined;
  private lastRequest = 0;
  private readonly sockets = new Set<Socket>();
  private open = 0;

  constructor(private readonly options: FrontOptions) {
    this.server = createServer((req, res) => this.route(req, res));
    gateUpgrades(this.server);
    // Every socket, upgraded ones too (a handshake Vite ignores stays open): closing ends them all, as Vite's server did.
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // Until Vite's socket server is attached, a hot-reload handshake is told to come back (Vite's client retries).
    this.server.on('upgrade', (_req, socket) => {
      if (!this.vite && socket.writable) socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
  }

  /** Listens on the port asked for, or the next free one (as Vite does); port 0 takes any. */
  async listen(): Promise<void> {
    const { host } = this.options;
    for (let port = this.options.port; ; port++) {
      const error = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
        const fail = (e: NodeJS.ErrnoException) => done(e);
        this.server.once('error', fail);
        this.server.listen(port, host, () => {
          this.server.off('error', fail);
          done(undefined);
        });
      });
      if (!error) break;
      if (error.code !== 'EADDRINUSE' || this.options.port === 0 || port >= 65535) throw error;
    }
    this.port = (this.server.address() as AddressInfo).port;
    this.urls = resolveUrls(host, this.port);
  }

  /** From now on every request goes to Vite's middlewares, the held ones first. */
  handOver(vite: Handler): void {
    this.vite = vite;
    for (const go of this.held.splice(0)) go();
  }

  /** Vite did not start: held and later requests get a 503 that says so. */
  fail(reason: string): void {
    this.failed = reason;
    for (const go of this.held.splice(0)) go();
  }

  async close(): Promise<void> {
    this.fail('the dev server is stopping');
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Resolves once no request has been open for `quietMs` (or after `maxMs` in any case). */
  idle(quietMs: number, maxMs: number): Promise<void> {
    const end = performance.now() + maxMs;
    return new Promise((done) => {
      const look = () => {
        const now = performance.now();
        if (now >= end || (this.open === 0 && now - this.lastRequest >= quietMs)) return done();
        setTimeout(look, 25);
      };
      setTimeout(look, quietMs);
    });
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    if (!this.vite) {
      this.open++;
      this.lastRequest = performance.now();
      res.once('close', () => {
        this.open--;
        this.lastRequest = performance.now();
      });
    }
    if (this.vite) return this.vite(req, res, () => notFound(res));
    if (!hostAllowed(req.headers.host, this.options.host, this.options.allowHosts)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(hostRefusal(req.headers.host));
    }
    if (this.failed) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(`503: ${this.failed}\n`);
    }
    if (!this.options.early(req, res, () => this.hold(req, res))) this.hold(req, res);
  }

  private hold(req: IncomingMessage, res: ServerResponse): void {
    if (this.vite || this.failed) return this.route(req, res);
    // A bound on what waits: a flood before Vite is up is refused, not kept.
    if (this.held.length >= 1000) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' });
      return void res.end('503: the dev server is starting\n');
    }
    this.held.push(() => this.route(req, res));
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '0000:0000:0000:0000:0000:0000:0000:0001']);
const WILDCARD = new Set(['0.0.0.0', '::', '0000:0000:0000:0000:0000:0000:0000:0000']);

/** The URLs Vite would print for `host` (its resolveServerUrls, without certificates). */
export function resolveUrls(host: string, port: number): ResolvedUrls {
  const urls: ResolvedUrls = { local: [], network: [] };
  const at = (name: string) => `http://${name.includes(':') ? `[${name}]` : name}:${port}/`;
  if (!WILDCARD.has(host)) {
    (LOOPBACK.has(host) ? urls.local : urls.network).push(at(host));
    return urls;
  }
  for (const list of Object.values(networkInterfaces())) {
    for (const detail of list ?? []) {
      if (detail.family !== 'IPv4' || !detail.address) continue;
      if (detail.address.includes('127.0.0.1')) urls.local.push(at(detail.address.replace('127.0.0.1', 'localhost')));
      else urls.network.push(at(detail.address));
    }
  }
  return urls;
}
