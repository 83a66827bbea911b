// `chokepoint present` at scale (issue 25): N audience sockets on loopback follow the presenter. The
// server is the real CLI in its own process (so its memory is its own); the presenter and the followers
// are `ws` clients in this process, sending the Origin a browser on the audience page sends. The
// latency is from the presenter's send to each follower's message, over `moves` moves: p50, p95, max.
// The server caps sockets at 2,000 by default; a run past that raises the cap with --max-viewers and
// says so. Bounded: connecting stops after 60 s, each move waits at most 10 s.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { CLI, ROOT } from './build.mjs';
import { memory } from './proc.mjs';

const { WebSocket } = createRequire(import.meta.url)('ws');
const MIB = 1024 * 1024;
export const DEFAULT_CAP = 2000;

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

function startServer(dir, maxViewers) {
  const args = [CLI, 'present', dir, '--port', '0', '--host', '127.0.0.1', ...(maxViewers ? ['--max-viewers', String(maxViewers)] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`present did not start in 120 s:\n${out}`)), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`present exited (${code}):\n${out}`));
    });
    const poll = setInterval(() => {
      const audience = /^audience: (\S+)$/m.exec(out)?.[1];
      const presenter = /^presenter: (\S+)$/m.exec(out)?.[1];
      if (!audience || !presenter) return;
      clearInterval(poll);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      done({ child, audience, token: new URL(presenter).searchParams.get('token'), output: () => out });
    }, 20);
  });
}

function connect(url, origin) {
  return new Promise((done) => {
    const ws = new WebSocket(url, { origin, perMessageDeflate: false });
    // The server may send its first message in the same packet as the handshake: listen before 'open'.
    ws.firstMessage = new Promise((heard) => ws.once('message', heard));
    ws.once('open', () => done({ ws }));
    ws.once('unexpected-response', (_req, res) => done({ status: res.statusCode }));
    ws.once('error', (e) => done({ error: e.message }));
  });
}

/** Opens `count` sockets to `url`, `parallel` handshakes at a time, until `deadline`. */
async function connectMany(url, origin, count, deadline, parallel = 100) {
  const open = [];
  const refused = {};
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      next++;
      const r = await connect(url, origin);
      if (r.ws) open.push(r.ws);
      else refused[r.status ?? r.error] = (refused[r.status ?? r.error] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { open, refused };
}

/**
 * One server, `followers` audience sockets, `moves` presenter moves. `maxViewers`: the --max-viewers
 * given (undefined: the default cap). Returns latency quantiles (ms), server RSS and what was refused.
 */
export async function measureFollowers(dir, followers, options = {}) {
  let timer;
  let child;
  const limit = new Promise((_, fail) => {
    timer = setTimeout(() => {
      child?.kill('SIGKILL'); // its sockets close, so the run's own waits end too
      fail(new Error(`${followers} followers: no result in 240 s`));
    }, 240_000);
  });
  try {
    return await Promise.race([
      followerRun(dir, followers, {
        ...options,
        started: (c) => {
          child = c;
        },
      }),
      limit,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function followerRun(dir, followers, { moves = 20, maxViewers, started }) {
  const server = await startServer(dir, maxViewers);
  started(server.child);
  const base = server.audience.replace(/^http/, 'ws');
  const origin = new URL(server.audience).origin;
  const rssBefore = memory(server.child.pid)?.rss ?? 0;
  const sockets = [];
  try {
    const presenter = await connect(`${base}control?token=${server.token}`, origin);
    if (!presenter.ws) throw new Error(`the presenter socket was refused (${presenter.status ?? presenter.error})`);
    sockets.push(presenter.ws);
    await presenter.ws.firstMessage; // the initial (null) state
    const t = performance.now();
    const { open, refused } = await connectMany(`${base}sync`, origin, followers, t + 60_000);
    sockets.push(...open);
    const connectSeconds = (performance.now() - t) / 1000;
    const samples = [];
    let missed = 0;
    for (let i = 1; i <= moves; i++) {
      const state = { h: i, v: 0, f: -1, paused: false };
      const waiting = open.map(
        (ws) =>
          new Promise((done) => {
            const timer = setTimeout(() => {
              ws.off('message', on);
              done(null);
            }, 10_000);
            function on(data) {
              const at = performance.now();
              if (JSON.parse(String(data)).state?.h !== i) return;
              clearTimeout(timer);
              ws.off('message', on);
              done(at);
            }
            ws.on('message', on);
          }),
      );
      const sent = performance.now();
      presenter.ws.send(JSON.stringify({ type: 'state', state }));
      for (const at of await Promise.all(waiting)) at === null ? missed++ : samples.push(at - sent);
      await new Promise((r) => setTimeout(r, 50));
    }
    samples.sort((a, b) => a - b);
    const m = memory(server.child.pid);
    return {
      followers,
      connected: open.length,
      refused,
      maxViewers: maxViewers ?? DEFAULT_CAP,
      maxViewersGiven: maxViewers !== undefined,
      connectSeconds: Number(connectSeconds.toFixed(2)),
      moves,
      samples: samples.length,
      missed,
      p50Ms: samples.length ? quantile(samples, 0.5) : null,
      p95Ms: samples.length ? quantile(samples, 0.95) : null,
      maxMs: samples.at(-1) ?? null,
      serverRssMiB: m ? m.rss / MIB : null,
      serverPeakMiB: m ? m.hwm / MIB : null,
      serverIdleRssMiB: rssBefore / MIB,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    const exit = new Promise((r) => (server.child.exitCode !== null ? r() : server.child.once('exit', r)));
    server.child.kill('SIGINT');
    await Promise.race([exit, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}

/**
 * The bench's runs: 1,000 followers under the default cap, 5,000 with the cap raised (--max-viewers
 * 5001: 5,000 followers and the presenter), and a check that the default cap refuses the excess.
 */
export async function measureFollowerScale(dir, log = () => undefined) {
  const out = {};
  for (const [n, cap] of [
    [1000, undefined],
    [5000, 5001],
  ]) {
    out[n] = await measureFollowers(dir, n, { maxViewers: cap });
    const r = out[n];
    log(
      `         present, ${n} followers (cap ${r.maxViewers}${r.maxViewersGiven ? ', --max-viewers' : ', default'}): ${r.connected} connected in ${r.connectSeconds} s, p50 ${r.p50Ms?.toFixed(1)} ms, p95 ${r.p95Ms?.toFixed(1)} ms, max ${r.maxMs?.toFixed(1)} ms, missed ${r.missed}; server RSS ${r.serverRssMiB?.toFixed(0)} MiB`,
    );
  }
  // What the default does with more than it serves: 2,100 followers, at most 2,000 sockets.
  const capped = await measureFollowers(dir, 2100, { moves: 3 });
  out.defaultCap = { followers: 2100, connected: capped.connected, refused: capped.refused, p95Ms: capped.p95Ms };
  log(`         present, 2,100 followers at the default cap: ${capped.connected} connected, refused ${JSON.stringify(capped.refused)}`);
  return out;
}
