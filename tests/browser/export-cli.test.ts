import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

// These run the real binary (bin/chokepoint.js -> lib/), for exit codes, stderr and signals.
const tmp = tempDir('chokepoint-export-cli-');
const DECK = 'tests/fixtures/decks/export/deck.md';

beforeAll(() => {
  // `npm test` compiles lib/ first; a lone `vitest run` of this file may find it older than the sources.
  const newest = (dir: string): number => Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, String(f))).mtimeMs));
  const built = (() => {
    try {
      return statSync('lib/cli.js').mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built < Math.max(newest('src/export'), statSync('src/cli.ts').mtimeMs)) spawnSync('npx', ['tsc', '-p', 'tsconfig.node.json']);
});
afterAll(() => tmp.remove());

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `killWhen` sends `signal` once stderr matches it. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, killWhen?: RegExp, signal: NodeJS.Signals = 'SIGTERM'): Promise<Run> {
  const child = spawn(process.execPath, ['bin/chokepoint.js', ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    if (killWhen?.test(stderr)) {
      killWhen = undefined;
      child.kill(signal);
    }
  });
  return new Promise((done) => child.on('close', (code, sig) => done({ code, signal: sig, stdout, stderr })));
}

/** A deck of `n` slides with notes and a list, big enough that rendering takes a while. */
function bigDeck(n: number): string {
  const dir = join(tmp.path, `big-${n}`);
  mkdirSync(dir, { recursive: true });
  const slide = (i: number) => `## Slide ${i}\n\n- point one of ${i}\n- point two of ${i}\n\nSome words on slide ${i}.\n\nNote: Notes for ${i}.`;
  writeFileSync(join(dir, 'deck.md'), `---\ntitle: Big\n---\n\n${Array.from({ length: n }, (_, i) => slide(i + 1)).join('\n\n---\n\n')}\n`);
  return join(dir, 'deck.md');
}

describe('chokepoint pdf from the command line', () => {
  it('says clearly when there is no browser, and exits 1', async () => {
    const out = join(tmp.path, 'none', 'deck.pdf');
    const run = await cli(['pdf', DECK, '--out', out], {
      CHROME_PATH: join(tmp.path, 'no-such-chrome'),
      CHOKEPOINT_SYSTEM_BROWSERS: '',
      PLAYWRIGHT_BROWSERS_PATH: join(tmp.path, 'no-browsers'),
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('chokepoint: no Chromium or Chrome found');
    expect(run.stderr).toContain(`CHROME_PATH=${join(tmp.path, 'no-such-chrome')}`);
    expect(run.stderr).toMatch(/hint: install one .*or set CHROME_PATH/);
    expect(() => statSync(out)).toThrow();
  });

  it('reports a missing input as `file: message` and exits 1', async () => {
    const run = await cli(['pdf', 'no-such-deck.md', '--out', join(tmp.path, 'x.pdf')]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^no-such-deck\.md: no such file or folder/m);
  });

  it('rejects bad usage with exit 2: --handout with --fragments, a folder as the PDF file', async () => {
    const [both, folder] = await Promise.all([cli(['pdf', DECK, '--handout', '--fragments']), cli(['pdf', DECK, '--out', tmp.path])]);
    expect(both.code).toBe(2);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain("is a folder; give the PDF's file name");
  });

  it('leaves nothing behind when killed while rendering: no PDF, no temp file, no build, no browser profile', async () => {
    const deck = bigDeck(300);
    const outDir = join(tmp.path, 'killed');
    const tmpdir = join(tmp.path, 'tmpdir');
    mkdirSync(outDir);
    mkdirSync(tmpdir);
    const run = await cli(['pdf', deck, '--out', join(outDir, 'deck.pdf'), '--notes'], { TMPDIR: tmpdir }, /rendering \d+ pages/);
    expect(run.stdout).not.toMatch(/^Wrote/m);
    expect(run.code, run.stderr).toBe(143);
    expect(readdirSync(outDir)).toEqual([]);
    expect(readdirSync(tmpdir)).toEqual([]);
  });

  it('cleans up on Ctrl+C while loading, too', async () => {
    const deck = bigDeck(300);
    const outDir = join(tmp.path, 'interrupted');
    mkdirSync(outDir);
    const run = await cli(['pdf', deck, '--out', join(outDir, 'deck.pdf')], {}, /loading \d+ slides/, 'SIGINT');
    expect(run.code, run.stderr).toBe(130);
    expect(readdirSync(outDir)).toEqual([]);
  });
});
