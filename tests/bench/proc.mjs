// Child processes with wall time and peak memory. Linux only: reads /proc. The peak of a process
// tree (node + Chromium) is the largest sum of the processes' RSS seen while polling; each
// process's own peak (VmHWM) is exact, so the tree figure is also given as the sum of those.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const MIB = 1024 * 1024;

/** Parent pid of every process now running. */
function parents() {
  const map = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), ppid);
    } catch {
      /* gone */
    }
  }
  return map;
}

/** `pid` and all its descendants. */
export function tree(pid) {
  const map = parents();
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [child, parent] of map) if (parent === out[i]) out.push(child);
  return out;
}

/** {rss, hwm} in bytes for one process, or null when it is gone. */
export function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, or null when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS; // fields 14 and 15 of stat(5): utime, stime
  } catch {
    return null;
  }
}

/** What a process is: `node`, `chromium:renderer`, `chromium:gpu-process`, `chromium` (the browser), ... */
export function kind(pid) {
  try {
    // Chromium rewrites its command line into one space-separated string: match flags in the text.
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const exe = cmd.split(' ')[0].split('/').pop();
    const type = cmd.match(/--type=(\S+)/)?.[1];
    const sub = cmd
      .match(/--utility-sub-type=(\S+)/)?.[1]
      .split('.')
      .pop();
    return type ? `${exe}:${type}${sub ? `:${sub}` : ''}` : exe;
  } catch {
    return '?';
  }
}

/** Proportional set size of one process (shared pages split among their users), bytes. */
export const pss = (pid) => pssParts(pid).pss;

/**
 * PSS of one process and its anonymous part, bytes. The file-backed rest (the Chromium and Node binaries) is also
 * split with other programs that map the same files, so it drops while another Chromium runs on the machine; the
 * anonymous part is shared only within the process tree (zygote and renderers), so A/B comparisons are steadier on it.
 */
export function pssParts(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (key) => Number(text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
    return { pss: kb('Pss'), anon: kb('Pss_Anon') };
  } catch {
    return { pss: 0, anon: 0 };
  }
}

/** Watches the memory of `pid`'s process tree until stopped; `stop()` returns the peaks in MiB. */
export function watchMemory(pid, { interval = 40, withPss = false, skipRoot = false } = {}) {
  const hwm = new Map();
  let peakRss = 0;
  let peakPss = 0;
  let peakAnon = 0;
  let procs = 0;
  let atPeak = [];
  const sample = () => {
    let sum = 0;
    let sumPss = 0;
    let sumAnon = 0;
    const pids = skipRoot ? tree(pid).slice(1) : tree(pid);
    procs = Math.max(procs, pids.length);
    const each = [];
    for (const p of pids) {
      const m = memory(p);
      if (!m) continue;
      sum += m.rss;
      hwm.set(p, Math.max(hwm.get(p) ?? 0, m.hwm));
      const parts = withPss ? pssParts(p) : { pss: 0, anon: 0 };
      const share = parts.pss;
      sumPss += share;
      sumAnon += parts.anon;
      each.push({ kind: kind(p), rssMiB: m.rss / MIB, pssMiB: withPss ? share / MIB : undefined, anonMiB: withPss ? parts.anon / MIB : undefined });
    }
    peakRss = Math.max(peakRss, sum);
    // The processes as they were at the peak (PSS when measured): which of them the memory is in.
    if ((withPss ? sumPss : sum) > (withPss ? peakPss : peakRss - 1) || atPeak.length === 0) atPeak = each;
    peakPss = Math.max(peakPss, sumPss);
    peakAnon = Math.max(peakAnon, sumAnon);
  };
  sample();
  const timer = setInterval(sample, interval);
  return {
    sample,
    stop() {
      clearInterval(timer);
      const sumHwm = [...hwm.values()].reduce((a, b) => a + b, 0);
      return {
        treeRssMiB: peakRss / MIB,
        sumHwmMiB: sumHwm / MIB,
        atPeak: atPeak.map((e) => ({
          ...e,
          rssMiB: Math.round(e.rssMiB),
          pssMiB: e.pssMiB === undefined ? undefined : Math.round(e.pssMiB),
          anonMiB: e.anonMiB === undefined ? undefined : Math.round(e.anonMiB),
        })),
        treePssMiB: withPss ? peakPss / MIB : undefined,
        treeAnonPssMiB: withPss ? peakAnon / MIB : undefined,
        rootHwmMiB: (hwm.get(pid) ?? 0) / MIB,
        processes: procs,
      };
    },
  };
}

/**
 * Runs `cmd args` to the end. Returns wall seconds, exit code, output and memory peaks. The root
 * process's exact peak comes from /usr/bin/time when present (polling can miss the last growth).
 */
export function run(cmd, args, { cwd, env, tree: watchTree = false, withPss = false } = {}) {
  const useTime = hasTime();
  const [file, argv] = useTime ? ['/usr/bin/time', ['-f', '\n@@maxrss %M %U %S', cmd, ...args]] : [cmd, args];
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(file, argv, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const lines = [];
    const carry = { out: '', err: '' };
    const stamp = (key, d) => {
      const parts = (carry[key] + d).split('\n');
      carry[key] = parts.pop();
      for (const l of parts) if (l.trim() && !l.startsWith('@@maxrss')) lines.push([Math.round(performance.now() - started), l.trim()]);
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      stamp('out', d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      stamp('err', d);
    });
    // /usr/bin/time itself is left out of the tree's sum.
    const watcher = watchTree ? watchMemory(child.pid, { withPss, skipRoot: useTime }) : null;
    child.on('error', fail);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const mem = watcher?.stop();
      const m = stderr.match(/\n@@maxrss (\d+) ([\d.]+) ([\d.]+)\s*$/);
      if (m) stderr = stderr.slice(0, m.index);
      const rootPeakMiB = m ? (Number(m[1]) * 1024) / MIB : mem?.rootHwmMiB;
      // CPU of the child and the descendants it waited for (Chromium's when node reaps it).
      const cpu = m ? Number(m[2]) + Number(m[3]) : null;
      done({ seconds, cpuSeconds: cpu, code, stdout, stderr, lines, rootPeakMiB, ...(mem ?? {}) });
    });
  });
}

let timeAvailable;
function hasTime() {
  if (timeAvailable === undefined) {
    try {
      readFileSync('/usr/bin/time');
      timeAvailable = process.platform === 'linux';
    } catch {
      timeAvailable = false;
    }
  }
  return timeAvailable;
}

/** A free TCP port on loopback. */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

function cpuTimes() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0); // idle + iowait
  return { idle, total: f.reduce((a, b) => a + b, 0) };
}

/** Share of the whole machine's CPU (0–1) that was busy during the next `ms` milliseconds. */
export async function machineBusy(ms = 500) {
  const a = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const b = cpuTimes();
  return b.total === a.total ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total);
}

/**
 * Waits, at most `maxMs`, until other work on the machine uses less than `below` of its CPU, so a
 * measurement does not share two cores with someone else's test run. Returns the last busy share seen.
 */
export async function waitForQuiet(maxMs, below = 0.2) {
  const end = performance.now() + maxMs;
  let busy = await machineBusy();
  while (busy >= below && performance.now() < end) busy = await machineBusy();
  return busy;
}

function ownTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return null;
  }
}

/**
 * Starts counting the CPU that other work on the machine uses: all busy CPU time minus this process
 * tree's. The tree is polled every 100 ms and each process's own time is taken as last seen, because
 * Chromium's helpers can outlive their parent and be reaped by init, so their time never reaches our
 * cutime. `stop()` returns the average number of cores others kept busy.
 */
export function othersCpu() {
  const a = cpuTimes();
  const t = performance.now();
  const first = new Map();
  const last = new Map();
  const poll = (initial) => {
    for (const p of tree(process.pid)) {
      const ticks = ownTicks(p);
      if (ticks === null) continue;
      if (!first.has(p)) first.set(p, initial ? ticks : 0);
      last.set(p, ticks);
    }
  };
  poll(true);
  const timer = setInterval(() => poll(false), 100);
  return {
    stop() {
      clearInterval(timer);
      poll(false);
      const b = cpuTimes();
      const busy = b.total - b.idle - (a.total - a.idle);
      let mine = 0;
      for (const [p, ticks] of last) mine += ticks - first.get(p);
      const seconds = (performance.now() - t) / 1000;
      return seconds > 0 ? Math.max(0, (busy - mine) / TICKS / seconds) : 0;
    },
  };
}
