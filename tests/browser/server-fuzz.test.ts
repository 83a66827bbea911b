import fc from 'fast-check';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/browser/serve.ts';
import { buildDeck } from '../../src/node/build.ts';
import { startPresentServer, type PresentServer } from '../../src/present/server.ts';
import { startDevServer } from '../../src/vite/launch.ts';
import { rawExchange, statusOf } from '../unit/present/raw.ts';
import { tempDir } from './helpers.ts';

// Malformed request lines, URLs, headers, upgrades and WebSocket frames against `dev`, `preview` and
// `present`, on loopback, in a bounded number of cases. Each server must keep answering: a good request
// works after every batch, and nothing is thrown where no one catches it (vitest fails a run on that).
// FUZZ_SEED=n replays another sequence.
const SEED = Number(process.env.FUZZ_SEED ?? 20);
const DECK = 'tests/fixtures/decks/basic';
const tmp = tempDir('chokepoint-fuzz-');

interface Target {
  name: string;
  port: number /** A path that answers 200. */;
  good: string /** Upgrade paths that open a socket. */;
  sockets: string[];
  protocol?: string;
}
const targets: Target[] = [];
let dev: ViteDevServer;
let preview: StaticServer;
let present: PresentServer;

beforeAll(async () => {
  const dist = join(tmp.path, 'dist');
  const built = await buildDeck(DECK, dist);
  if (!built.ok) throw new Error('the fixture deck did not build');
  [dev, preview, present] = await Promise.all([
    startDevServer({ input: DECK, port: 0, host: '127.0.0.1' }),
    serveStatic(dist, 0),
    startPresentServer(dist, { port: 0, host: '127.0.0.1' }),
  ]);
  const devPort = Number(new URL(dev.resolvedUrls!.local[0]!).port);
  const client = await (await fetch(`http://127.0.0.1:${devPort}/@vite/client`)).text();
  const hmrToken = /const wsToken = "([^"]+)"/.exec(client)?.[1] ?? '';
  targets.push(
    { name: 'dev', port: devPort, good: '/', sockets: [`/?token=${hmrToken}`], protocol: 'vite-hmr' },
    { name: 'preview', port: Number(new URL(preview.url).port), good: '/', sockets: [] },
    { name: 'present', port: Number(new URL(present.audienceUrl).port), good: '/', sockets: ['/sync', `/control?token=${present.token}`] },
  );
}, 180_000);
afterAll(async () => {
  await Promise.all([dev?.close(), preview?.close(), present?.close()]);
  tmp.remove();
});

const CRLF = '\r\n';
const nasty = [
  '//[',
  'http://x:99999/',
  '//[/',
  'http://[::1/',
  '*',
  '%',
  '/%',
  '/%E0%A4%A',
  '/%00',
  '/\u0000',
  '/..%2f..%2f..%2fetc%2fpasswd',
  '/../../../../etc/passwd',
  '/@fs/etc/passwd',
  '/@fs/%2e%2e/',
  '/@id/\0',
  '/presenter?token=%',
  '/presenter?token[]=1',
  '/control',
  '/sync?',
  '/assets/',
  `/?${'a'.repeat(9000)}`,
  `/${'%41'.repeat(3000)}`,
  'HTTP://127.0.0.1/',
  'https://evil.example/',
  '/\\..\\..',
  '/index.html/..',
  '/@chokepoint/runtime/%',
  '/@vite/client?import&raw',
];
const target = fc.oneof(
  fc.constantFrom(...nasty),
  fc.webUrl(),
  fc.webPath(),
  fc.string({ maxLength: 60 }).map((s) => `/${s}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const method = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE', 'PRI'), fc.string({ maxLength: 8 }));
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 x', '', 'FOO');
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '-1', '99999999999999999999', 'chunked', 'gzip, chunked', '[::1', 'null', 'http://evil.example', 'a'.repeat(5000)),
);
const headerName = fc.oneof(
  fc.constantFrom(
    'Host',
    'Origin',
    'Content-Length',
    'Transfer-Encoding',
    'Cookie',
    'Range',
    'If-None-Match',
    'Accept-Encoding',
    'Upgrade',
    'Connection',
    'Sec-WebSocket-Key',
    'Sec-WebSocket-Version',
    'Sec-Fetch-Dest',
  ),
  fc.string({ maxLength: 12 }),
);
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 });
const body = fc.oneof(fc.constant(''), fc.string({ maxLength: 80 }), fc.constantFrom('0\r\n\r\n', 'zz\r\nxx\r\n', 'ffffffffffff\r\n'));

/** A request of random parts; a `Host` for the server first unless the case brings its own. */
const requestCase = fc.tuple(method, target, version, headers, body, fc.boolean()).map(
  ([m, t, v, h, b, keepHost]) =>
    (port: number) =>
      `${m} ${t} ${v}${CRLF}${keepHost ? `Host: 127.0.0.1:${port}${CRLF}` : ''}${h.map(([k, val]) => `${k}: ${val}`).join(CRLF)}${h.length ? CRLF : ''}${CRLF}${b}`,
);

/** A WebSocket frame built field by field (bad opcodes, RSV bits, unmasked, lying lengths), or random bytes. */
const frame = fc.oneof(
  fc
    .record({
      fin: fc.boolean(),
      rsv: fc.integer({ min: 0, max: 7 }),
      opcode: fc.integer({ min: 0, max: 15 }),
      masked: fc.boolean(),
      payload: fc.uint8Array({ maxLength: 300 }),
      lie: fc.constantFrom('none', '16', '64', 'huge'),
    })
    .map((f) => {
      const len = f.payload.length;
      const head = [((f.fin ? 1 : 0) << 7) | (f.rsv << 4) | f.opcode];
      const mask = f.masked ? 0x80 : 0;
      if (f.lie === 'huge') head.push(mask | 127, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
      else if (f.lie === '64') head.push(mask | 127, 0, 0, 0, 0, 0, 0, (len >> 8) & 0xff, len & 0xff);
      else if (f.lie === '16' || len > 125) head.push(mask | 126, (len >> 8) & 0xff, len & 0xff);
      else head.push(mask | len);
      const key = f.masked ? [1, 2, 3, 4] : [];
      return Buffer.concat([Buffer.from(head), Buffer.from(key), Buffer.from(f.payload.map((b, i) => (f.masked ? b ^ key[i % 4]! : b)))]);
    }),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((a) => Buffer.from(a)),
);

const sample = <T>(arb: fc.Arbitrary<T>, n: number, offset: number) => fc.sample(arb, { numRuns: n, seed: SEED + offset });

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>, after: () => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(run));
    await after();
  }
}

/** The server still serves a good request. */
async function alive(t: Target): Promise<void> {
  const answer = await rawExchange(t.port, `GET ${t.good} HTTP/1.1${CRLF}Host: 127.0.0.1:${t.port}${CRLF}Connection: close${CRLF}${CRLF}`, 15_000, true);
  expect(statusOf(answer), `${t.name} after fuzzing`).toBe(200);
}

const handshake = (t: Target, path: string) =>
  [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${t.port}`,
    `Origin: http://127.0.0.1:${t.port}`,
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...(t.protocol ? [`Sec-WebSocket-Protocol: ${t.protocol}`] : []),
    '',
    '',
  ].join(CRLF);

describe('server fuzz: dev, preview and present keep answering', () => {
  it('malformed request lines, URLs, headers and bodies: each gets an answer or a closed connection, and the server stays up', async () => {
    const cases = sample(requestCase, 120, 0);
    let answered = 0;
    for (const t of targets) {
      await inBatches(
        cases,
        30,
        async (make) => {
          const reply = await rawExchange(t.port, make(t.port), 800, true);
          if (statusOf(reply) > 0) answered++;
        },
        () => alive(t),
      );
    }
    // Most cases are answered with a status (some legitimately wait for a body that never comes); the
    // bound leaves room for a loaded machine, where an answer can take longer than the wait.
    console.log(`server fuzz: ${answered} of ${cases.length * targets.length} malformed requests answered with a status`);
    expect(answered).toBeGreaterThan(cases.length * targets.length * 0.5);
  }, 60_000);

  it('malformed WebSocket upgrades: random paths, versions, keys and origins', async () => {
    const upgrade = fc
      .tuple(
        target,
        headers,
        fc.constantFrom('13', '8', '', 'x', '99'),
        fc.constantFrom('dGhlIHNhbXBsZSBub25jZQ==', '', 'short', '!!!!'),
        fc.constantFrom('vite-hmr', 'vite-ping', '', 'x, y'),
      )
      .map(
        ([path, h, v, key, protocol]) =>
          (port: number) =>
            [
              `GET ${path} HTTP/1.1`,
              `Host: 127.0.0.1:${port}`,
              'Connection: Upgrade',
              'Upgrade: websocket',
              `Sec-WebSocket-Version: ${v}`,
              `Sec-WebSocket-Key: ${key}`,
              `Sec-WebSocket-Protocol: ${protocol}`,
              ...h.map(([k, val]) => `${k}: ${val}`),
              '',
              '',
            ].join(CRLF),
      );
    const cases = sample(upgrade, 80, 1);
    for (const t of targets)
      await inBatches(
        cases,
        20,
        async (make) => void (await rawExchange(t.port, make(t.port), 300, true)),
        () => alive(t),
      );
  }, 60_000);

  it('malformed WebSocket frames on every socket the servers open', async () => {
    const cases = sample(fc.array(frame, { minLength: 1, maxLength: 4 }), 60, 2);
    let opened = 0;
    for (const t of targets) {
      for (const path of t.sockets) {
        await inBatches(
          cases,
          15,
          async (frames) => {
            const reply = await rawExchange(t.port, Buffer.concat([Buffer.from(handshake(t, path)), ...frames]), 800);
            if (statusOf(reply) === 101) opened++;
          },
          () => alive(t),
        );
      }
    }
    // The frames reached open sockets: (nearly) every handshake succeeded, so the test is not vacuous.
    expect(opened).toBeGreaterThanOrEqual(0.9 * cases.length * targets.reduce((n, t) => n + t.sockets.length, 0));
  }, 60_000);
});
