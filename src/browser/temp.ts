import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

// `chokepoint-<kind>-<pid>-XXXXXX`: the pid tells a later run whether the owner is still alive.
const OURS = /^chokepoint-(export|check|pptx)-(\d+)-[A-Za-z0-9]{6}$/;

/** A fresh temporary folder for one export or check, named after this process so a stale one can be recognised. */
export function makeTempDir(kind: 'export' | 'check' | 'pptx'): string {
  return mkdtempSync(join(tmpdir(), `chokepoint-${kind}-${process.pid}-`));
}

/**
 * Removes a run's temporary folder, and the socket folder its browser made in the system temp folder
 * (`org.chromium.Chromium.*`, linked from the profile), which a browser killed while starting leaves behind.
 * With `stopBrowser`, first kills any process still running on the folder (a browser that never finished starting).
 */
export function removeTempDir(dir: string, { stopBrowser = false } = {}): void {
  // A browser still starting when the run was interrupted would write its profile again after the removal.
  if (stopBrowser)
    for (const pid of processesUsing(dir)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  try {
    const socket = dirname(readlinkSync(join(dir, 'browser', 'SingletonSocket')));
    if (/^org\.chromium\.Chromium\.\w+$/.test(basename(socket))) rmSync(socket, { recursive: true, force: true });
  } catch {
    /* no browser got that far */
  }
  rmSync(dir, { recursive: true, force: true });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Pids of processes whose command line mentions `path` (Linux: /proc); a Chromium left running on that profile. */
function processesUsing(path: string): number[] {
  const found: number[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(path)) found.push(Number(name));
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

/**
 * Removes temporary folders (build, browser profile) left by runs that were killed outright (SIGKILL gives
 * no chance to clean up): those whose owning process is gone. A browser still running on such a profile is
 * stopped first. Best effort, and quick: one listing of the temp folder.
 */
export function removeStaleTemp(root = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = OURS.exec(name);
    if (!m || Number(m[2]) === process.pid || alive(Number(m[2]))) continue;
    const path = join(root, name);
    for (const pid of processesUsing(path)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    try {
      removeTempDir(path);
      removed.push(path);
    } catch {
      /* someone else's, or in use: leave it */
    }
  }
  return removed;
}
