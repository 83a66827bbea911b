import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { devSockets } from '../../../src/vite/sockets.ts';

// The gate `dev` puts before Vite's hot-reload socket, on a real server with a WebSocket server behind it
// standing in for Vite's (which completes every handshake the gate lets through).
let http: Server;
let port: number;
const behind = new WebSocketServer({ noServer: true });

beforeAll(async () => {
  http = createServer((_req, res) => res.end('page'));
  const plugin = devSockets(3);
  (plugin.configureServer as (s: ViteDevServer) => void)({ httpServer: http, ws: behind } as unknown as ViteDevServer);
  http.on('upgrade', (req, socket, head) => {
    if (socket.writable) behind.handleUpgrade(req, socket, head, (ws) => behind.emit('connection', ws, req));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  port = (http.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const ws of behind.clients) ws.terminate();
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
});

function open(protocol: string, origin?: string): Promise<{ ws?: WebSocket; status?: number; body?: string }> {
  return new Promise((done) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, protocol, origin ? { origin } : {});
    ws.once('open', () => done({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d;
      });
      res.on('end', () => done({ status: res.statusCode, body }));
    });
    ws.once('error', () => done({}));
  });
}

describe("the gate before Vite's hot-reload socket", () => {
  it("takes Vite's protocol from this origin only, up to the cap; a place frees when a page leaves", async () => {
    expect((await open('other')).status).toBe(400);
    expect((await open('vite-hmr', 'http://localhost:3000')).status).toBe(403);
    const opened = [await open('vite-hmr', `http://127.0.0.1:${port}`), await open('vite-hmr'), await open('vite-ping')];
    expect(opened.every((o) => o.ws)).toBe(true);
    const refused = await open('vite-hmr');
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('3 pages are already connected');
    opened[0]!.ws!.close();
    await expect
      .poll(
        async () => {
          const again = await open('vite-hmr');
          again.ws?.close();
          return again.ws !== undefined;
        },
        { timeout: 5_000 },
      )
      .toBe(true);
    for (const o of opened) o.ws?.close();
  });
});
