import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Whether process `pid` is running (EPERM: it is, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// `<out>.chokepoint-tmp-<pid>-XXXXXX`: the pid tells a later build whether the owner is still alive.
const suffix = (target: string) => new RegExp(`^${basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.chokepoint-tmp-(\\d+)-[A-Za-z0-9]{6}$`);

/** A fresh staging folder beside `target` (an absolute path), named after this process. */
export function makeBuildTemp(target: string): string {
  return mkdtempSync(`${target}.chokepoint-tmp-${process.pid}-`);
}

/**
 * Removes the staging folders beside `target` left by builds that were killed outright (SIGKILL, a power
 * cut): those whose process is gone. A build still running keeps its own. Best effort: one listing.
 */
export function removeStaleBuildTemps(target: string): string[] {
  const ours = suffix(target);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(ours.exec(name)?.[1]);
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    try {
      rmSync(join(dirname(target), name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      /* not ours to remove: leave it */
    }
  }
  return removed;
}
