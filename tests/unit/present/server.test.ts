import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
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
const request = (line: string, headers: string[] = ['Connection: close']) => `${line}\r\n${[`Host: 127.0.0.1:${port}`, ...headers].join('\r\n')}\r\n\r\n`;
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
