import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresentServer, type PresentServer } from '../../../src/present/server.ts';
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
const request = (line: string, headers: string[] = ['Connection: close'], host = `127.0.0.1:${port}`) => `${line}\r\n${[`Host: ${host}`, ...headers].join('\r\n')}\r\n\r\n`;
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
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `deck.localhost:${port}`, '192.168.1.20:4173', '[fe80::1]']) {
      expect(await statusFor('/', host), host).toBe(200);
      expect(await statusFor(`/presenter?token=${present.token}`, host), host).toBe(200);
      expect(await statusFor('/sync', host, { upgrade: true }), `${host} /sync`).toBe(101);
    }
  });

  it('--allow-host adds names (a leading dot adds subdomains); bound to 0.0.0.0, the LAN address it prints works', async () => {
    const named = await startPresentServer(dist, { port: 0, host: '0.0.0.0', allowHosts: ['talk.lan', '.party.lan'] });
    try {
      const p = Number(new URL(named.audienceUrl).port);
      for (const host of [`talk.lan:${p}`, 'TALK.LAN.', 'party.lan', 'a.party.lan', `${lanAddress() ?? '10.0.0.2'}:${p}`]) expect(await statusFor('/', host, { port: p }), host).toBe(200);
      for (const host of ['x.talk.lan', 'talk.lan.evil.example', 'notparty.lan']) expect(await statusFor('/', host, { port: p }), host).toBe(403);
    } finally {
      await named.close();
    }
  });
});

function lanAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;
}
