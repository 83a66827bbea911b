import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { refuseUpgrade } from '../browser/host-check.ts';

/** What one `present` server allows its WebSockets; tests lower them to reach them quickly. */
export interface SocketLimits {
  /** Open sockets (audience and presenter together); one more gets a 503 until one closes. */
  maxClients: number;
  /** Largest message a page may send: a state is ~60 bytes. A larger one closes that socket (1009). */
  maxPayload: number;
  /** Bytes queued for a client that does not read: past this, a broadcast drops it. */
  maxBuffered: number;
  /** A client that has not answered a ping for this long is dropped (a phone gone to sleep, a stalled reader). */
  heartbeatMs: number;
}

export const DEFAULT_LIMITS: SocketLimits = { maxClients: 2000, maxPayload: 1024, maxBuffered: 64 * 1024, heartbeatMs: 30_000 };

/**
 * The sockets of one `present` server: a cap on their number, a payload limit, and dropping clients that
 * stop reading (a full send queue on broadcast, or no answer to pings). Every socket has an error
 * handler: a malformed frame or an oversized message closes that socket, never the server.
 */
export class SocketHub {
  readonly servers: WebSocketServer[] = [];
  private alive = new WeakSet<WebSocket>();
  private pending = 0;
  private full = false;
  private timer: NodeJS.Timeout;

  constructor(
    private readonly limits: SocketLimits,
    private readonly notice: (line: string) => void = () => undefined,
  ) {
    this.timer = setInterval(() => this.heartbeat(), limits.heartbeatMs);
    this.timer.unref();
  }

  /** A WebSocket server (no HTTP server of its own) whose sockets this hub counts and watches. */
  channel(): WebSocketServer {
    const wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxPayload, clientTracking: true });
    wss.on('connection', (ws) => {
      this.alive.add(ws);
      ws.on('pong', () => this.alive.add(ws));
      ws.on('error', () => ws.terminate());
    });
    this.servers.push(wss);
    return wss;
  }

  get count(): number {
    return this.servers.reduce((n, s) => n + s.clients.size, 0) + this.pending;
  }

  /** Completes the handshake on `wss`, or answers 503 with a reason when the cap is reached. */
  accept(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.count >= this.limits.maxClients) {
      if (!this.full) this.notice(`present: ${this.limits.maxClients} pages are connected, the most it serves; more are refused until some close`);
      this.full = true;
      return refuseUpgrade(
        socket,
        '503 Service Unavailable',
        `503: this talk already has ${this.limits.maxClients} connected pages, the most it serves; try again later`,
      );
    }
    this.full = false;
    this.pending++;
    let counted = true;
    const settle = () => {
      if (counted) {
        counted = false;
        this.pending--;
      }
    };
    socket.once('close', settle);
    wss.handleUpgrade(req, socket, head, (ws) => {
      settle();
      wss.emit('connection', ws, req);
    });
  }

  /** Sends `data` to every open socket but `except`; a client whose queue is past the limit is dropped. */
  broadcast(data: string, except?: WebSocket): void {
    for (const s of this.servers) {
      for (const ws of s.clients) {
        if (ws === except || ws.readyState !== ws.OPEN) continue;
        if (ws.bufferedAmount > this.limits.maxBuffered) ws.terminate();
        else ws.send(data);
      }
    }
  }

  private heartbeat(): void {
    for (const s of this.servers) {
      for (const ws of s.clients) {
        if (ws.readyState !== ws.OPEN) continue;
        if (!this.alive.has(ws)) {
          ws.terminate();
          continue;
        }
        this.alive.delete(ws);
        ws.ping();
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const s of this.servers) {
      for (const ws of s.clients) ws.terminate();
      s.close();
    }
  }
}
