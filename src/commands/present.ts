import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIssue } from '../compile/errors.ts';
import { buildDeck } from '../node/build.ts';
import { displayPath } from '../node/display-path.ts';
import { startPresentServer, type PresentServer } from '../present/server.ts';
import { printIssues, type Out } from './terminal.ts';

/** A running `chokepoint present`: the server, and how to stop it (what Ctrl+C does). */
export interface Presenting extends PresentServer {
  stop(): Promise<void>;
}

/**
 * `chokepoint present`: builds the deck into a temporary folder, serves it with the sync channel and
 * prints the audience and presenter URLs (and, when it listens beyond this machine, a QR code of the
 * presenter URL for a phone). Ctrl+C closes every connection and removes the build.
 */
export async function runPresent(
  input: string,
  options: { port?: number; host?: string; allowHosts?: readonly string[]; allowDirs?: readonly string[]; maxViewers?: number },
  out: Out,
): Promise<{ code: number; presenting?: Presenting }> {
  const tmp = mkdtempSync(join(tmpdir(), 'chokepoint-present-'));
  const dist = join(tmp, 'dist');
  const result = await buildDeck(input, dist, { allowDirs: options.allowDirs });
  printIssues(result.deck.issues, out);
  if (!result.ok) {
    rmSync(tmp, { recursive: true, force: true });
    return { code: 1 };
  }
  const host = options.host ?? 'localhost';
  let server: PresentServer;
  try {
    server = await startPresentServer(dist, {
      port: options.port ?? 4173,
      host,
      allowHosts: options.allowHosts,
      notice: out.error,
      limits: options.maxViewers === undefined ? undefined : { maxClients: options.maxViewers },
    });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    const err = e as NodeJS.ErrnoException;
    out.error(
      formatIssue({
        file: displayPath(input),
        line: 0,
        severity: 'error',
        code: 'present-listen',
        message: `cannot listen on ${host}:${options.port ?? 4173} (${err.code ?? err.message})`,
        hint: 'choose another --port, or stop what is using it',
      }),
    );
    return { code: 1 };
  }
  const everywhere = host === '0.0.0.0' || host === '::';
  const lan = everywhere ? lanAddress() : undefined;
  const shown = (url: string) => (lan ? url.replace(/\/\/(0\.0\.0\.0|\[::\]):/, `//${lan}:`) : url);
  out.log(`Presenting ${displayPath(input)} (${result.deck.slides.length} slides)`);
  out.log(`audience: ${shown(server.audienceUrl)}`);
  out.log(`presenter: ${shown(server.presenterUrl)}`);
  if (everywhere || !/^(localhost|127\.|\[?::1\]?$)/.test(host)) {
    const { renderUnicodeCompact } = await import('uqr');
    out.log(`\nOn your phone, scan for the presenter console:\n${renderUnicodeCompact(shown(server.presenterUrl))}`);
    out.log('Anyone on this network with the audience URL can watch; only the presenter URL (keep it to yourself) can drive the deck.');
  }
  out.log('Ctrl+C to stop');
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= server.close().then(() => rmSync(tmp, { recursive: true, force: true })));
  return { code: 0, presenting: { ...server, stop } };
}

/** This machine's first non-internal IPv4 address: what a phone on the same network can reach. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** Ctrl+C (or a TERM signal): close every connection, remove the build, exit 0. */
export function stopOnSignal(presenting: Presenting, out: Out): void {
  const stop = () =>
    void presenting.stop().then(() => {
      out.log('Stopped.');
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
