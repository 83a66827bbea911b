import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

// Issue 20 item 9: `new` into a path it cannot use is one located line, never a stack trace or a spin.
const tmp = tempDir('chokepoint-new-');
const readOnly = join(tmp.path, 'read-only');
let mounted = false;

beforeAll(() => {
  const newest = (dir: string): number => Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, String(f))).mtimeMs));
  const built = (() => {
    try {
      return statSync('lib/cli.js').mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built < newest('src')) spawnSync('npx', ['tsc', '-p', 'tsconfig.node.json']);
  mkdirSync(readOnly);
  // Root ignores permission bits: a read-only mount is the read-only parent there.
  if (process.getuid?.() === 0) mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readOnly]).status === 0;
  else chmodSync(readOnly, 0o555);
});
afterAll(() => {
  if (mounted) spawnSync('umount', [readOnly]);
  else chmodSync(readOnly, 0o755);
  tmp.remove();
});

/** The real CLI, killed after 15 s: a spin fails the test instead of hanging it. */
function runNew(folder: string): { status: number | null; output: string; ms: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['bin/chokepoint.js', 'new', folder], { encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim(), ms: performance.now() - started };
}

const oneLocatedLine = (output: string, path: string) => {
  const lines = output.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  expect(lines.slice(1).every((l) => l.startsWith('  hint: '))).toBe(true);
  expect(output).not.toMatch(/^\s+at /m);
};

describe('chokepoint new: paths it cannot use', () => {
  it('a file where a folder of the path should be', () => {
    writeFileSync(join(tmp.path, 'afile'), 'mine\n');
    const path = join(tmp.path, 'afile', 'sub');
    const run = runNew(path);
    expect(run.status).toBe(1);
    oneLocatedLine(run.output, path);
    expect(run.output).toContain('a part of the path is a file, not a folder');
  });

  it('a read-only parent', () => {
    const path = join(readOnly, 'talk');
    const run = runNew(path);
    expect(run.status).toBe(1);
    oneLocatedLine(run.output, path);
    expect(run.output).toMatch(/could not write the starter deck: (the file system is read-only|permission denied)/);
    expect(existsSync(path)).toBe(false);
  });

  it('a dangling symbolic link', () => {
    const path = join(tmp.path, 'dangling');
    symlinkSync(join(tmp.path, 'nowhere'), path);
    const run = runNew(path);
    expect(run.status).toBe(1);
    oneLocatedLine(run.output, path);
    expect(run.output).toContain('is a symbolic link to');
    expect(existsSync(join(tmp.path, 'nowhere'))).toBe(false);
  });

  it('/proc/x ends at once instead of spinning', () => {
    const run = runNew('/proc/chokepoint-x');
    expect(run.status).toBe(1);
    expect(run.ms).toBeLessThan(10_000);
    oneLocatedLine(run.output, '/proc/chokepoint-x');
  }, 30_000);
});
