import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { connect as tcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { startPresentServer, type PresentServer } from '../../../src/present/server.ts';
import { DEFAULT_LIMITS } from '../../../src/present/sockets.ts';
import { runPresent } from '../../../src/commands/present.ts';
import { tempDir } from '../helpers.ts';
import { rawExchange, statusOf } from './raw.ts';

// The present server on a stand-in build (it reads index.html and serves the folder): no deck build needed.
const tmp = tempDir('chokepoint-present-');
const dist = join(tmp.path, 'dist');
let present: PresentServer;
let port: number;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets', 'empty'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>deck</title></head><body>deck</body></html>');
  writeFileSync(join(dist, 'assets', 'a.css'), 'body { color: red }\n');
  writeFileSync(join(tmp.path, 'secret.txt'), 'outside the deck');
  symlinkSync(join(tmp.path, 'secret.txt'), join(dist, 'assets', 'link.txt'));
  execFileSync('mkfifo', [join(dist, 'assets', 'pipe.css')]);
  present = await startPresentServer(dist, { port: 0, host: '127.0.0.1' });
  port = Number(new URL(present.audienceUrl).port);
});
afterAll(async () => {
  await present?.close();
  tmp.remove();
});

// `Connection: close` so the exchange ends with the answer instead of waiting out keep-alive.
const request = (line: string, headers: string[] = ['Connection: close'], host = `127.0.0.1:${port}`) =>
  `${line}\r\n${[`Host: ${host}`, ...headers].join('\r\n')}\r\n\r\n`;
/** The status `server` (default: the shared one) answers to GET `path` addressed to `host`, optionally as a WebSocket upgrade. */
const statusFor = async (path: string, host: string, options: { upgrade?: boolean; port?: number } = {}) =>
  statusOf(await rawExchange(options.port ?? port, request(`GET ${path} HTTP/1.1`, options.upgrade ? UPGRADE : ['Connection: close'], host), 2_000, true));
const UPGRADE = ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='];

describe('present answers malformed requests and keeps serving', () => {
  it('answers 400 to request targets that are not URLs (`//[`, a port past 65535), as requests and as WebSocket upgrades', async () => {
    for (const target of ['//[', 'http://x:99999/', '//[/presenter?token=x', 'http://[::1/control']) {
      expect(statusOf(await rawExchange(port, request(`GET ${target} HTTP/1.1`))), target).toBe(400);
      expect(statusOf(await rawExchange(port, request(`GET ${target} HTTP/1.1`, UPGRADE))), `upgrade ${target}`).toBe(400);
    }
    expect((await fetch(present.audienceUrl)).status).toBe(200);
  });

  it('serves the build through the hardened gate: no link out of the folder, no folder, no pipe', async () => {
    const css = await fetch(`${present.audienceUrl}assets/a.css`);
    expect([css.status, await css.text()]).toEqual([200, 'body { color: red }\n']);
    const link = await fetch(`${present.audienceUrl}assets/link.txt`);
    expect(link.status).toBe(403);
    expect(await link.text()).not.toContain('outside the deck');
    expect(statusOf(await rawExchange(port, request('GET /assets/empty/ HTTP/1.1')))).toBe(404);
    expect(statusOf(await rawExchange(port, request('GET /assets/pipe.css HTTP/1.1')))).toBe(404);
    expect(statusOf(await rawExchange(port, request('GET /%E0%A4%A HTTP/1.1')))).toBe(400);
    expect((await fetch(present.audienceUrl)).status).toBe(200);
  });
});

describe('present keeps the token out of pages and frames', () => {
  const exchange = (line: string, headers: string[]) => rawExchange(port, request(line, [...headers, 'Connection: close']), 2_000, true);

  it('sends a browser opening the presenter URL on without the token, signed in by an HttpOnly cookie; the cookie opens the page and the control channel', async () => {
    const opened = await exchange(`GET /presenter?token=${present.token} HTTP/1.1`, ['Sec-Fetch-Dest: document']);
    expect(statusOf(opened)).toBe(303);
    expect(opened).toMatch(/\r\nLocation: \/presenter\r\n/i);
    const cookie = /\r\nSet-Cookie: ([^;\r]+);([^\r]*)/i.exec(opened)!;
    expect(cookie[1]).toBe(`chokepoint-presenter-${port}=${present.token}`);
    expect(cookie[2]).toMatch(/HttpOnly/);
    expect(cookie[2]).toMatch(/SameSite=Strict/);
    const page = await exchange('GET /presenter HTTP/1.1', [`Cookie: other=1; ${cookie[1]}`]);
    expect(statusOf(page)).toBe(200);
    expect(page).toMatch(/\r\nContent-Security-Policy: frame-ancestors 'none'\r\n/i);
    for (const wrong of [`chokepoint-presenter-${port}=${'x'.repeat(present.token.length)}`, `chokepoint-presenter-1=${present.token}`, '']) {
      expect(statusOf(await exchange('GET /presenter HTTP/1.1', [`Cookie: ${wrong}`])), wrong).toBe(403);
      expect(statusOf(await rawExchange(port, request('GET /control HTTP/1.1', [...UPGRADE, `Cookie: ${wrong}`]), 2_000, true)), wrong).toBe(403);
    }
    expect(statusOf(await rawExchange(port, request('GET /control HTTP/1.1', [...UPGRADE, `Cookie: ${cookie[1]}`]), 2_000, true))).toBe(101);
    // A tool fetching the printed URL (no Sec-Fetch-Dest) still gets the page.
    expect((await fetch(present.presenterUrl)).status).toBe(200);
  });

  it('serves every file but the deck page with a sandboxing policy', async () => {
    const css = await fetch(`${present.audienceUrl}assets/a.css`);
    expect(css.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(css.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(present.audienceUrl)).headers.get('content-security-policy')).toBeNull();
  });
});

describe('present answers only to its own names (DNS rebinding)', () => {
  it('answers 403 to a request addressed to another name, on every path and on the WebSocket channels', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, 'rebind.attacker.test:80', 'localhost.evil.example', '127.0.0.1.nip.io', 'bad host']) {
      for (const path of ['/', '/index.html', `/presenter?token=${present.token}`, '/assets/a.css', '/missing']) {
        expect(await statusFor(path, host), `${host} ${path}`).toBe(403);
      }
      expect(await statusFor('/sync', host, { upgrade: true }), `${host} /sync`).toBe(403);
      expect(await statusFor(`/control?token=${present.token}`, host, { upgrade: true }), `${host} /control`).toBe(403);
    }
    const body = await rawExchange(port, request('GET / HTTP/1.1', ['Connection: close'], 'evil.example'));
    expect(body).toContain('restart with --allow-host evil.example');
  });

  it('answers addresses and localhost names, as the printed URLs use them', async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
      `deck.localhost:${port}`,
      '192.168.1.20:4173',
      '[fe80::1]',
    ]) {
      expect(await statusFor('/', host), host).toBe(200);
      expect(await statusFor(`/presenter?token=${present.token}`, host), host).toBe(200);
      expect(await statusFor('/sync', host, { upgrade: true }), `${host} /sync`).toBe(101);
    }
  });

  it('--allow-host adds names (a leading dot adds subdomains); bound to 0.0.0.0, the LAN address it prints works', async () => {
    const named = await startPresentServer(dist, { port: 0, host: '0.0.0.0', allowHosts: ['talk.lan', '.party.lan'] });
    try {
      const p = Number(new URL(named.audienceUrl).port);
      for (const host of [`talk.lan:${p}`, 'TALK.LAN.', 'party.lan', 'a.party.lan', `${lanAddress() ?? '10.0.0.2'}:${p}`])
        expect(await statusFor('/', host, { port: p }), host).toBe(200);
      for (const host of ['x.talk.lan', 'talk.lan.evil.example', 'notparty.lan']) expect(await statusFor('/', host, { port: p }), host).toBe(403);
    } finally {
      await named.close();
    }
  });
});

/** Opens a WebSocket; resolves once open, or with the status (and body) it was refused with. */
function open(url: string, options: ClientOptions = {}): Promise<{ ws?: WebSocket; status?: number; body?: string }> {
  return new Promise((done) => {
    const ws = new WebSocket(url, options);
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
const closed = (ws: WebSocket) => new Promise<number>((done) => (ws.readyState === ws.CLOSED ? done(-1) : ws.once('close', (code) => done(code))));
const ws = (server: PresentServer, path: string) => `${server.audienceUrl.replace('http', 'ws')}${path}`;
const control = (server: PresentServer) => ws(server, `control?token=${server.token}`);
const state = (h: number) => JSON.stringify({ type: 'state', state: { h, v: 0, f: -1, paused: false } });
const nextMessage = (socket: WebSocket) => new Promise<string>((done) => socket.once('message', (d) => done(String(d))));

describe('present WebSockets', () => {
  it("refuse a handshake from another site's page (Origin), a sandboxed frame's (null) too; allow its own pages and clients without Origin", async () => {
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      'null',
      `https://127.0.0.1:${port}.evil.example`,
      `http://localhost:${port}`,
      'not a url',
    ]) {
      for (const url of [ws(present, 'sync'), control(present)]) {
        const r = await open(url, { origin });
        expect(r.status, `${origin} ${url}`).toBe(403);
      }
    }
    expect((await open(ws(present, 'sync'), { origin: 'http://evil.example' })).body).toContain('another site');
    for (const origin of [`http://127.0.0.1:${port}`, undefined]) {
      for (const url of [ws(present, 'sync'), control(present)]) {
        const r = await open(url, origin ? { origin } : {});
        expect(r.ws, `${origin} ${url}`).toBeDefined();
        r.ws!.close();
      }
    }
  });

  it('close a socket that sends more than 1 KiB (code 1009), and keep serving: a state still goes through', async () => {
    for (const url of [ws(present, 'sync'), control(present)]) {
      const { ws: big } = await open(url);
      big!.on('error', () => undefined);
      big!.send('x'.repeat(2048));
      expect(await closed(big!), url).toBe(1009);
    }
    const [{ ws: listener }, { ws: driver }] = await Promise.all([open(ws(present, 'sync')), open(control(present))]);
    const heard = nextMessage(listener!);
    driver!.send(state(3));
    expect(JSON.parse(await heard)).toEqual({ type: 'state', state: { h: 3, v: 0, f: -1, paused: false } });
    listener!.close();
    driver!.close();
    expect((await fetch(present.audienceUrl)).status).toBe(200);
  });

  it('cap the number of sockets: one more gets a 503 that says why, the terminal is told once, and a place frees when a page leaves', async () => {
    const notices: string[] = [];
    const small = await startPresentServer(dist, { port: 0, host: '127.0.0.1', limits: { maxClients: 4 }, notice: (line) => notices.push(line) });
    try {
      const opened = await Promise.all([1, 2, 3].map(() => open(ws(small, 'sync'))));
      opened.push(await open(control(small)));
      expect(opened.every((o) => o.ws)).toBe(true);
      expect(small.sockets()).toBe(4);
      const refused = await open(ws(small, 'sync'));
      expect(refused.status).toBe(503);
      expect(refused.body).toMatch(/already has 4 connected pages/);
      expect((await open(control(small))).status).toBe(503);
      expect(notices).toEqual(['present: 4 pages are connected, the most it serves; more are refused until some close']);
      opened[0]!.ws!.close();
      await expect.poll(() => small.sockets()).toBe(3);
      const again = await open(ws(small, 'sync'));
      expect(again.ws).toBeDefined();
      for (const o of [...opened, again]) o.ws?.close();
    } finally {
      await small.close();
    }
    expect(DEFAULT_LIMITS).toMatchObject({ maxClients: 2000, maxPayload: 1024 });
  });

  it('`present --max-viewers` sets the cap: the third page of two gets the 503', async () => {
    const errors: string[] = [];
    const { presenting } = await runPresent(
      'tests/fixtures/decks/nav/deck.md',
      { port: 0, host: '127.0.0.1', maxViewers: 2 },
      { log: () => undefined, error: (s) => errors.push(s) },
    );
    try {
      const opened = await Promise.all([1, 2].map(() => open(ws(presenting!, 'sync'))));
      expect(opened.every((o) => o.ws)).toBe(true);
      expect((await open(ws(presenting!, 'sync'))).status).toBe(503);
      expect(errors).toEqual(['present: 2 pages are connected, the most it serves; more are refused until some close']);
      for (const o of opened) o.ws?.close();
    } finally {
      await presenting?.stop();
    }
  }, 120_000);

  it('drop a client that does not answer pings within a heartbeat, and keep one that does', async () => {
    const quick = await startPresentServer(dist, { port: 0, host: '127.0.0.1', limits: { heartbeatMs: 150 } });
    try {
      const [{ ws: deaf }, { ws: fine }] = await Promise.all([open(ws(quick, 'sync'), { autoPong: false }), open(ws(quick, 'sync'))]);
      const code = await closed(deaf!);
      expect(code).toBe(1006);
      await new Promise((r) => setTimeout(r, 400));
      expect(fine!.readyState).toBe(fine!.OPEN);
      fine!.close();
    } finally {
      await quick.close();
    }
  });

  it('drop a client that stops reading once 64 KiB wait for it, while the others keep hearing every move', async () => {
    // A raw handshake, then never read again: the kernel's buffers fill, then the server's queue.
    const raw = tcp({ host: '127.0.0.1', port });
    await new Promise((r) => raw.once('connect', r));
    raw.write(request('GET /sync HTTP/1.1', UPGRADE));
    expect(statusOf(await new Promise<string>((r) => raw.once('data', (d: Buffer) => r(d.toString('latin1')))))).toBe(101);
    raw.pause();
    const [{ ws: driver }, { ws: listener }] = await Promise.all([open(control(present)), open(ws(present, 'sync'))]);
    let heard = 0;
    listener!.on('message', () => heard++);
    const before = present.sockets();
    let sent = 0;
    // Bounded: 300,000 states of ~60 bytes; on this machine the reader is dropped after ~65,000.
    while (present.sockets() === before && sent < 300_000) {
      for (let i = 0; i < 2000; i++) driver!.send(state(sent++ % 1000));
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(present.sockets()).toBe(before - 1);
    await expect.poll(() => heard, { timeout: 20_000 }).toBe(sent);
    driver!.close();
    listener!.close();
    raw.destroy();
  }, 60_000);
});

function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
}
