import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers.ts';

// Issue 20 item 8: Ctrl+C during `build` must not leave `<out>.chokepoint-tmp-*` (one was 423 MB), and a
// build killed outright (SIGKILL) has its temp folder removed by the next build.
const tmp = tempDir('chokepoint-build-interrupt-');
const deck = join(tmp.path, 'deck');

beforeAll(() => {
  // The CLI runs lib/: compile it when older than the sources.
  const newest = (dir: string): number => Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, String(f))).mtimeMs));
  const built = (() => {
    try {
      return statSync('lib/cli.js').mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built < Math.max(newest('src'))) spawnSync('npx', ['tsc', '-p', 'tsconfig.node.json']);
  mkdirSync(deck);
  // Forty 8 MB images: copying them into the build (~1 s) takes long enough to interrupt it.
  const chunk = Buffer.alloc(1 << 20, 7);
  const links: string[] = [];
  for (let i = 0; i < 40; i++) {
    const fd = openSync(join(deck, `clip${i}.png`), 'w');
    writeSync(fd, Buffer.from('89504e470d0a1a0a', 'hex'));
    for (let j = 0; j < 8; j++) {
      chunk[0] = i;
      chunk[1] = j;
      writeSync(fd, chunk);
    }
    closeSync(fd);
    links.push(`![clip ${i}](clip${i}.png)`);
  }
  writeFileSync(join(deck, 'deck.md'), `---\ntitle: Big\n---\n\n## Clips\n\n${links.join('\n')}\n`);
});
afterAll(() => tmp.remove());

const leftovers = (name: string) => readdirSync(tmp.path).filter((f) => f.startsWith(`${name}.chokepoint-tmp-`));

describe('an interrupted build', () => {
  it('removes its temp folder on SIGINT, exits 130 with one line, and leaves the output folder untouched', async () => {
    const out = join(tmp.path, 'dist');
    const child = spawn(process.execPath, ['bin/chokepoint.js', 'build', deck, '--out', out]);
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d;
    });
    const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    // Interrupt once the temp folder holds part of the copy.
    const started = Date.now();
    while (Date.now() - started < 30_000) {
      const [dir] = leftovers('dist');
      if (dir && existsSync(join(tmp.path, dir, 'assets')) && readdirSync(join(tmp.path, dir, 'assets')).some((f) => f.startsWith('clip'))) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(leftovers('dist'), 'the build never started copying').toHaveLength(1);
    child.kill('SIGINT');
    const code = await closed;
    expect(leftovers('dist')).toEqual([]);
    expect(existsSync(out), output).toBe(false);
    expect(code).toBe(130);
    expect(output).toMatch(/interrupted/);
    expect(output).not.toMatch(/^\s+at /m);
  }, 60_000);

  it('build --single-file: SIGINT leaves neither the file, nor its part, nor the temporary build', async () => {
    const system = join(tmp.path, 'system-tmp');
    mkdirSync(system);
    const out = join(tmp.path, 'deck.html');
    const child = spawn(process.execPath, ['bin/chokepoint.js', 'build', deck, '--single-file', '--out', out], { env: { ...process.env, TMPDIR: system } });
    let output = '';
    child.stderr.on('data', (d: Buffer) => {
      output += d;
    });
    const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const copying = () => readdirSync(system, { recursive: true, encoding: 'utf8' }).some((f) => /clip\d+-\w+\.png$/.test(f));
    for (const started = Date.now(); Date.now() - started < 30_000 && !copying(); ) await new Promise((r) => setTimeout(r, 5));
    expect(copying(), 'the build never started copying').toBe(true);
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(output).toContain('deck.html: the build was interrupted; nothing was written');
    expect(readdirSync(system)).toEqual([]);
    expect(readdirSync(tmp.path).filter((f) => f.startsWith('deck.html'))).toEqual([]);
  }, 60_000);

  it('removes temp folders of builds whose process is gone, and keeps those of a live one', async () => {
    const out = join(tmp.path, 'site');
    const dead = join(tmp.path, 'site.chokepoint-tmp-999999999-aBc123');
    const live = join(tmp.path, `site.chokepoint-tmp-${process.pid}-dEf456`);
    mkdirSync(join(dead, 'assets'), { recursive: true });
    writeFileSync(join(dead, 'assets', 'x.png'), 'x');
    mkdirSync(live);
    const { code, output } = await runCli('build', deck, '--out', out);
    expect(code, output).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  }, 60_000);
});
