import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ViteDevServer } from 'vite';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runtimeBundle, type RuntimeBundle } from '../node/runtime-bundle.ts';
import { devAccess } from './access.ts';
import type { DeckCompiler, Payload } from './deck-compiler.ts';
import { PageCache } from './page-cache.ts';
import { sendEarlyPage, serveEarly } from './early-page.ts';
import { HANDOVER } from './page.ts';
import { FrontServer, type ResolvedUrls } from './front.ts';
import type { DevOptions } from './server.ts';
import { DevStatus } from './status.ts';

/** A dev server that listens: Vite is ready (or failed) when `vite` settles. */
export interface DevLaunch {
  urls: ResolvedUrls;
  port: number;
  vite: Promise<ViteDevServer>;
  close(): Promise<void>;
}

/**
 * Starts `dev` so that slide 1 does not wait for Vite: our server listens at once and compiles the deck
 * in-process; the first page comes from that compile and the prebuilt runtime bundle (as a built page does).
 * Vite starts after that compile (both would share one thread), in middleware mode behind the same server,
 * reuses it for `virtual:deck`, and then serves everything, the hot-reload socket included. Nothing of Vite
 * is loaded before the first page is answered. `hold.vite` (tests) keeps Vite back until it settles, and
 * `hold.compile` the whole deck's compile (so that the first page is the quick one, see quickPage).
 */
export async function launchDevServer(options: DevOptions, hold?: { vite?: Promise<unknown>; compile?: Promise<unknown> }): Promise<DevLaunch> {
  const access = devAccess(options);
  const status = new DevStatus();
  const input = resolve(options.input);
  const inputDir = existsSync(input) && statSync(input).isDirectory() ? input : dirname(input);
  const cache = new PageCache(input, inputDir, options.allowDirs ?? []);
  const kept = cache.read();
  if (kept) access.setFiles(kept.files);
  let runtime: RuntimeBundle | undefined;
  // The compiler (and the modules it loads) only once the deck has to be compiled.
  let compiler: Promise<DeckCompiler> | undefined;
  const loadCompiler = () =>
    (compiler ??= import('./deck-compiler.ts').then(({ DeckCompiler }) => {
      const made = new DeckCompiler(options.input, options.allowDirs ?? [], access, status, kept?.payload);
      made.onGood = (payload, startedAt) => cache.write(payload, made.files, startedAt);
      return made;
    }));
  let compiled: Promise<{ compiler: DeckCompiler; payload: Payload }> | undefined;
  let whole: Payload | undefined;
  const compile = () =>
    (compiled ??= loadCompiler().then(async (made) => {
      whole = await made.compile();
      return { compiler: made, payload: whole };
    }));
  // Slide 1 before the whole deck is compiled: the page kept from the last session, or else the deck's first
  // file alone (DeckCompiler.preview; undefined for a deck of one file).
  let quick: Promise<Payload | undefined> | undefined;
  const quickPage = () => (quick ??= kept ? Promise.resolve(kept.payload) : loadCompiler().then((made) => made.preview()));
  const firstPage = async (): Promise<Payload> => {
    runtime ??= await runtimeBundle();
    if (whole) return whole;
    return (await quickPage().catch(() => undefined)) ?? (await compile()).payload;
  };
  let pageLoaded!: () => void;
  const loaded = new Promise<void>((done) => (pageLoaded = done));
  let pageAsked = false;
  const early = (req: IncomingMessage, res: ServerResponse, wait: () => void): boolean => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    // The last thing the first page asks for before it starts: a browser has slide 1 in hand.
    if (path === HANDOVER) pageLoaded();
    if ((path === '/' || path === '/index.html') && (req.method === 'GET' || req.method === 'HEAD')) {
      pageAsked = true;
      // A deck that does not compile at all (no input...) is left to Vite's page, which shows why.
      firstPage().then((payload) => sendEarlyPage(req, res, payload, runtime!), wait);
      return true;
    }
    return runtime !== undefined && serveEarly(req, res, runtime, access);
  };
  let stopVite: (() => Promise<void>) | undefined;
  let closing: Promise<void> | undefined;
  const front = new FrontServer({ port: options.port ?? 5173, host: options.host ?? 'localhost', allowHosts: options.allowHosts ?? [], early });
  await front.listen();
  // After the caller has printed where it listens: the first page, the compile, then Vite (they share one
  // thread). When slide 1 has a quick page (kept, or a preview a browser has asked for), the compile (half a
  // second of this thread) waits until a browser has loaded what slide 1 needs, or until nobody has asked for
  // anything for a second.
  const started = new Promise<void>((go) => setImmediate(go))
    .then(async () => {
      runtime ??= await runtimeBundle();
      const page = await quickPage().catch(() => undefined);
      // A browser already waiting (a tab that reconnects, `--open`) has its request in by now: answer it from
      // that page before the check below, instead of after the compile.
      if (page) await front.idle(25, 250);
      if (kept || (page && pageAsked)) await Promise.race([loaded.then(() => front.idle(50, 1_000)), front.idle(1_000, 3_000)]);
      await hold?.compile;
      return compile();
    })
    .then(async ({ compiler }) => {
      await hold?.vite;
      const [{ createServer, createLogger }, { devConfig }] = await Promise.all([import('vite'), import('./server.ts')]);
      const vite = await createServer(devConfig(options, createLogger('warn'), { front: front.server, port: front.port, access, status, compiler, runtime }));
      vite.resolvedUrls = front.urls;
      stopVite = vite.close.bind(vite);
      // The page's modules, transformed before the browser asks (the deck is already compiled).
      for (const url of ['/@vite/client', '/src/runtime/dev.ts']) void vite.warmupRequest(url).catch(() => undefined);
      front.handOver(vite.middlewares);
      return vite;
    });
  started.catch((e: Error) => front.fail(`the dev server did not start: ${e.message.split('\n')[0]}`));
  return {
    urls: front.urls,
    port: front.port,
    vite: started,
    close() {
      cache.flush();
      closing ??= started
        .then(() => stopVite?.())
        .catch(() => undefined)
        .then(() => front.close());
      return closing;
    },
  };
}

/**
 * Starts the dev server (see launch.ts) and returns Vite once it serves every request; `close` stops both
 * Vite and the server in front of it.
 */
export async function startDevServer(options: DevOptions): Promise<ViteDevServer> {
  const launched = await launchDevServer(options);
  const vite = await launched.vite.catch(async (e: unknown) => {
    await launched.close();
    throw e;
  });
  // launched.close stops Vite (by its own close, kept aside) and then the server in front of it.
  vite.close = launched.close;
  return vite;
}
