import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createNetServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { rawExchange, statusOf } from '../unit/present/raw.ts';
import { startDevServer } from '../../src/vite/launch.ts';
import { listeningLines } from '../../src/vite/server.ts';
import { launchBrowser, openDeck, tempDir, type Browser } from './helpers.ts';

// A single-file deck in a folder that also holds things a dev server must never hand out.
const home = tempDir('chokepoint-devsec-');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>dot</title><circle cx="5" cy="5" r="5"/></svg>';
let browser: Browser;
let single: ViteDevServer;
let folder: ViteDevServer;

beforeAll(async () => {
  mkdirSync(join(home.path, '.ssh'));
  writeFileSync(join(home.path, '.ssh/id_rsa'), 'PRIVATE KEY');
  writeFileSync(join(home.path, 'secret.txt'), 'hunter2');
  writeFileSync(join(home.path, '.bash_history'), 'history');
  writeFileSync(join(home.path, 'dot.svg'), SVG);
  writeFileSync(join(home.path, 'talk.md'), '# Talk\n\n![A dot](dot.svg)\n\n---\n\n## Trap\n\n<img src="nope.png" onerror="document.title = \'pwned\'">\n');
  writeFileSync(join(home.path, 'nope.png'), '');
  // A folder deck with a symlink that leads out of it.
  mkdirSync(join(home.path, 'deck'));
  writeFileSync(join(home.path, 'deck/talk.md'), '# Folder deck\n');
  symlinkSync(join(home.path, 'secret.txt'), join(home.path, 'deck/leak.txt'));
  [browser, single, folder] = await Promise.all([
    launchBrowser(),
    startDevServer({ input: join(home.path, 'talk.md'), port: 0, host: '127.0.0.1' }),
    startDevServer({ input: join(home.path, 'deck'), port: 0, host: '127.0.0.1' }),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await single?.close();
  await folder?.close();
  home.remove();
});

const base = (server: ViteDevServer) => server.resolvedUrls!.local[0]!.replace(/\/$/, '');
const get = (server: ViteDevServer, path: string) => fetch(`${base(server)}${path}`);
/** A GET with the path sent exactly as written (fetch would resolve `..` first). */
const rawStatus = (server: ViteDevServer, path: string) =>
  new Promise<number>((done, fail) => {
    const { port } = new URL(base(server));
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      done(res.statusCode!);
    })
      .on('error', fail)
      .end();
  });

describe('the dev server serves the deck, not the folder around it', () => {
  it("answers 403/404 for files beside a single-file deck, and serves the deck's image", async () => {
    const { page, errors } = await openDeck(browser, `${base(single)}/`);
    const src = await page.locator('img[alt="A dot"]').getAttribute('src');
    expect(src).toMatch(/^\/@fs\/.*dot\.svg\?v=\d+$/);
    const image = await get(single, src!);
    expect(image.status).toBe(200);
    // Framed or opened on its own, a deck's file runs sandboxed, as in `present` and `preview`.
    expect(image.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(await image.text()).toContain('<circle');
    for (const file of ['secret.txt', '.ssh/id_rsa', '.bash_history', 'talk.md/../secret.txt']) {
      const res = await get(single, `/@fs${join(home.path, file).replace(/\\/g, '/')}`);
      expect([403, 404], file).toContain(res.status);
      expect(await res.text(), file).not.toMatch(/hunter2|PRIVATE KEY/);
    }
    const secret = `${home.path}/secret.txt`;
    for (const sneaky of [
      `/@fs${home.path}/dot.svg/../secret.txt`,
      `/@fs${home.path}/dot.svg/..%2fsecret.txt`,
      `/@fs${home.path}/./secret.txt`,
      `/@fs${home.path}//secret.txt`,
      `/@fs${secret}?raw`,
      `/@fs${secret}?import&raw`,
      `/@fs${secret}?url`,
      `/@id/${secret}`,
      `/@id/${secret}?raw`,
      `/%40fs${secret}`,
      `/${secret}`,
      `/node_modules/../../../../../../..${secret}?raw`,
    ]) {
      expect([400, 403, 404], sneaky).toContain(await rawStatus(single, sneaky));
    }
    // The only error: the CSP blocking the trap slide's inline handler.
    expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
    await page.close();
  });

  it('a folder deck: a symlink leading out is not served, nor are keys the default deny list names', async () => {
    const leak = await get(folder, `/@fs${home.path}/deck/leak.txt`);
    expect([403, 404]).toContain(leak.status);
    expect(await leak.text()).not.toContain('hunter2');
    writeFileSync(join(home.path, 'deck/.env'), 'TOKEN=1');
    expect([403, 404]).toContain((await get(folder, `/@fs${home.path}/deck/.env`)).status);
    expect((await get(folder, `/@fs${home.path}/deck/talk.md`)).status).toBe(200);
  });

  it('--allow-dir: a file the deck uses from an allowed folder is served, its neighbours are not', async () => {
    const shared = join(home.path, 'shared');
    mkdirSync(shared);
    writeFileSync(join(shared, 'logo.svg'), SVG);
    writeFileSync(join(shared, 'other.txt'), 'hunter2');
    mkdirSync(join(home.path, 'wide'));
    writeFileSync(join(home.path, 'wide/talk.md'), '# Wide\n\n![Logo](../shared/logo.svg)\n');
    const server = await startDevServer({ input: join(home.path, 'wide'), port: 0, host: '127.0.0.1', allowDirs: [shared] });
    try {
      const { page, errors } = await openDeck(browser, `${base(server)}/`);
      const src = await page.locator('img[alt="Logo"]').getAttribute('src');
      expect((await get(server, src!)).status).toBe(200);
      expect([403, 404]).toContain((await get(server, `/@fs${shared}/other.txt`)).status);
      expect(await page.locator('.slides section').first().getAttribute('data-file')).toBe('talk.md');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await server.close();
    }
  });

  it('a GET of a folder under /@chokepoint/runtime/ answers 404 and the server keeps running', async () => {
    for (const path of [
      '/@chokepoint/runtime/',
      '/@chokepoint/runtime/assets/',
      '/@chokepoint/runtime/../../../package.json',
      '/@chokepoint/runtime/..%2f..%2f..%2fpackage.json',
      '/@chokepoint/runtime/%E0%A4%A',
    ]) {
      expect(await rawStatus(single, path), path).toBe(404);
    }
    const page = await get(single, '/');
    expect(page.status).toBe(200);
    const script = /src="(\/@chokepoint\/runtime\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect((await get(single, script!)).status).toBe(200);
  });

  it("the dev page has the build's CSP: an inline onerror in a deck does not run", async () => {
    const res = await get(single, '/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'self'; script-src 'self'( 'sha256-[^']+')*;/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:/);
    const { page, errors } = await openDeck(browser, `${base(single)}/`);
    await page.evaluate(() => window.Reveal.slide(1));
    await expect
      .poll(() => errors.join('\n'), { timeout: 15_000 })
      .toMatch(/inline event handler violates the following Content Security Policy directive 'script-src/);
    expect(await page.title()).not.toBe('pwned');
    // Hot reload still connects: the page reports a live Vite client.
    await page.waitForFunction(() => [...document.scripts].some((s) => s.src.includes('/@vite/client')));
    await page.close();
  });
});

describe('dev answers only its own names and pages', () => {
  const port = (server: ViteDevServer) => Number(new URL(base(server)).port);
  const status = async (server: ViteDevServer, host: string, path = '/') =>
    statusOf(await rawExchange(port(server), `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, 10_000, true));

  it("answers 403 to a request addressed to another name (Vite's check); --allow-host adds one", async () => {
    expect(await status(single, 'evil.example')).toBe(403);
    expect(await status(single, `127.0.0.1:${port(single)}`)).toBe(200);
    const named = await startDevServer({ input: join(home.path, 'deck'), port: 0, host: '127.0.0.1', allowHosts: ['talk.lan'] });
    try {
      expect(await status(named, `talk.lan:${port(named)}`)).toBe(200);
      expect(await status(named, 'evil.example')).toBe(403);
    } finally {
      await named.close();
    }
  });

  it("hot reload's WebSocket takes only this origin's pages and Vite's protocol; the page still connects", async () => {
    const client = await (await get(single, '/@vite/client')).text();
    const token = /const wsToken = "([^"]+)"/.exec(client)?.[1];
    expect(token).toBeTruthy();
    const url = `${base(single).replace('http', 'ws')}/?token=${token}`;
    const handshake = (origin: string | undefined, protocol = 'vite-hmr') =>
      new Promise<number>((done) => {
        const ws = new WebSocket(url, protocol, origin ? { origin } : {});
        ws.once('open', () => {
          ws.close();
          done(101);
        });
        ws.once('unexpected-response', (_req, res) => {
          res.resume();
          done(res.statusCode!);
        });
        ws.once('error', () => done(0));
      });
    // Another local page can read the token (Vite's CORS lets localhost origins load its client): the Origin decides.
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:1', 'http://evil.example', 'null']) expect(await handshake(origin), origin).toBe(403);
    expect(await handshake(base(single))).toBe(101);
    expect(await handshake(undefined)).toBe(101);
    // A message over 64 KiB closes its socket (Vite's default would take 100 MiB); the server keeps serving.
    const big = await new Promise<number>((done) => {
      const ws = new WebSocket(url, 'vite-hmr', { origin: base(single) });
      ws.on('error', () => undefined);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'custom', event: 'x', data: 'x'.repeat(100 * 1024) })));
      ws.once('close', (code) => done(code));
    });
    expect(big).toBe(1009);
    expect((await get(single, '/')).status).toBe(200);
    // An upgrade Vite does not serve is answered at once instead of hanging.
    const other = await rawExchange(
      port(single),
      `GET /anything HTTP/1.1\r\nHost: 127.0.0.1:${port(single)}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      5_000,
      true,
    );
    expect(statusOf(other)).toBe(400);
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (m) => logs.push(m.text()));
    await page.goto(`${base(single)}/`);
    await expect.poll(() => logs.join('\n'), { timeout: 20_000 }).toContain('[vite] connected');
    await page.close();
  });
});

describe('dev tells where it listens', () => {
  it('prints every URL, the network ones too, as Vite resolves them', () => {
    const fake = {
      resolvedUrls: { local: ['http://localhost:5173/'], network: ['http://192.168.1.5:5173/', 'http://10.0.0.2:5173/'] },
      httpServer: { address: () => ({ port: 5173 }) },
      config: { server: { port: 5173 } },
    };
    expect(listeningLines(fake as unknown as ViteDevServer, 5173)).toEqual([
      'http://localhost:5173/',
      '  also http://192.168.1.5:5173/',
      '  also http://10.0.0.2:5173/',
    ]);
  });

  it('on a busy port, says which port it took', async () => {
    const blocker: Server = createNetServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const busy = (blocker.address() as { port: number }).port;
    const server = await startDevServer({ input: join(home.path, 'talk.md'), port: busy, host: '127.0.0.1' });
    try {
      const [line] = listeningLines(server, busy);
      expect(line).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:(\\d+)/ \\(port ${busy} is in use; took \\1\\)$`));
    } finally {
      await server.close();
      blocker.close();
    }
  });
});
