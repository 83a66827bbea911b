import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../../src/browser/serve.ts';
import { runCli, tempDir } from '../helpers.ts';

// `preview`'s static server (sirv behind a gate): only regular files inside the folder, never a crash.
const tmp = tempDir('chokepoint-serve-');
const dist = join(tmp.path, 'dist');
let server: StaticServer;
let port: number;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets', 'empty'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>deck</title>');
  writeFileSync(join(dist, 'assets', 'a.css'), 'body { color: red }\n');
  writeFileSync(join(tmp.path, 'secret.txt'), 'outside the deck');
  symlinkSync(join(tmp.path, 'secret.txt'), join(dist, 'assets', 'link.txt'));
  execFileSync('mkfifo', [join(dist, 'assets', 'pipe.css')]);
  server = await serveStatic(dist, 0);
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

/** A raw request (the path is sent as written, unlike fetch, which normalises `..`). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d;
      });
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${path}`)));
    req.on('error', fail);
    req.end();
  });
}

describe('the static server', () => {
  it('serves the deck with types, ETag (304 on a match), HEAD and byte ranges', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const css = await get('/assets/a.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const etag = String(css.headers.etag);
    expect(etag).toBeTruthy();
    expect((await get('/assets/a.css', { 'If-None-Match': etag })).status).toBe(304);
    const head = await get('/assets/a.css', {}, 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    const range = await get('/assets/a.css', { Range: 'bytes=0-3' });
    expect([range.status, range.body]).toEqual([206, 'body']);
  });

  it('serves every file but the deck page with a sandboxing policy: a framed or opened SVG or HTML file runs no script', async () => {
    const css = await get('/assets/a.css');
    expect(css.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    expect(css.headers['x-content-type-options']).toBe('nosniff');
    for (const page of ['/', '/index.html']) expect((await get(page)).headers['content-security-policy'], page).toBeUndefined();
  });

  it('refuses traversal, links out of the folder, folders, pipes and malformed paths, and stays up', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const res = await get(path);
      expect([403, 404], path).toContain(res.status);
      expect(res.body).not.toContain('outside the deck');
    }
    expect((await get('/assets/link.txt')).status).toBe(403);
    expect((await get('/assets/empty/')).status).toBe(404);
    expect((await get('/assets/pipe.css')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/')).status).toBe(200);
  });
});

describe('the static server answers only to its own names (DNS rebinding)', () => {
  it('answers 403 to a request addressed to another name, and serves addresses and localhost names', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, 'localhost.evil.example', 'a b']) {
      const res = await get('/', { Host: host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('<title>deck');
      expect((await get('/assets/a.css', { Host: host })).status, host).toBe(403);
    }
    expect((await get('/', { Host: 'evil.example' })).body).toContain('--allow-host evil.example');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'deck.localhost', '10.1.2.3:4173'])
      expect((await get('/', { Host: host })).status, host).toBe(200);
  });

  it('serves a name given in allowHosts (`--allow-host`), and its subdomains with a leading dot', async () => {
    const named = await serveStatic(dist, 0, '127.0.0.1', ['talk.lan', '.party.lan']);
    try {
      const p = Number(new URL(named.url).port);
      const status = (host: string) =>
        new Promise<number>((done, fail) => {
          request({ host: '127.0.0.1', port: p, path: '/', headers: { Host: host } }, (res) => {
            res.resume();
            done(res.statusCode!);
          })
            .on('error', fail)
            .end();
        });
      for (const host of ['talk.lan', `talk.lan:${p}`, 'Talk.Lan.', 'party.lan', 'a.party.lan']) expect(await status(host), host).toBe(200);
      for (const host of ['x.talk.lan', 'talk.lan.evil.example']) expect(await status(host), host).toBe(403);
    } finally {
      await named.close();
    }
  });
});

describe('chokepoint preview', () => {
  let busy: Server;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('says the port is taken, and exits 1 without a stack trace', async () => {
    const taken = (busy.address() as { port: number }).port;
    const run = await runCli('preview', dist, '--port', String(taken));
    expect(run.code).toBe(1);
    expect(run.output).toBe(
      `chokepoint: port ${taken} on 127.0.0.1 is already in use\n  hint: stop the other server, or choose another port with --port (0 picks a free one)`,
    );
  });

  it('refuses an --allow-host that is not a host name, with exit 2', async () => {
    for (const bad of ['http://talk.lan', 'talk.lan:80', '', 'a b']) {
      const run = await runCli('preview', dist, '--port', '0', '--allow-host', bad);
      expect(run.code, bad).toBe(2);
      expect(run.output).toMatch(/^chokepoint: --allow-host `.*` is not a host name/);
    }
  });

  it('says an invalid --host cannot be listened on, and exits 1', async () => {
    const run = await runCli('preview', dist, '--port', '0', '--host', 'no-such-host.invalid');
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/^chokepoint: cannot listen on host `no-such-host\.invalid` .*\n {2}hint: /);
    expect(run.output).not.toMatch(/\n\s+at /);
  });
});
