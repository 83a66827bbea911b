import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdf, runPng, type ExportFlags } from '../../src/commands/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { tempDir } from './helpers.ts';

// Issue 13, export side: an export never destroys what it did not write, refuses what it cannot render,
// fails fast and plainly when the browser does not start, and cleans up after runs that were killed.
const tmp = tempDir('chokepoint-export-safety-');
const FIXTURE = 'tests/fixtures/decks/export';
const GRADIENT = readFileSync(join(FIXTURE, 'gradient.png'));

beforeAll(() => {
  // The CLI tests run bin/ -> lib/: compile it when older than the sources.
  const newest = (dir: string): number => Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, String(f))).mtimeMs));
  const built = (() => {
    try {
      return statSync('lib/cli.js').mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built < Math.max(newest('src/export'), newest('src/check'), statSync('src/cli.ts').mtimeMs)) spawnSync('npx', ['tsc', '-p', 'tsconfig.node.json']);
});
afterAll(() => tmp.remove());

async function exportTo(kind: 'pdf' | 'png', input: string, flags: ExportFlags): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
  const code = await (kind === 'pdf' ? runPdf : runPng)(input, flags, out, silentProgress);
  return { code, output: lines.join('\n') };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the real CLI; `interruptWhen` is polled (at most 60 s) and SIGINT is sent once it is true. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, interruptWhen?: () => boolean): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/chokepoint.js', ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  if (interruptWhen) {
    const timer = setInterval(() => {
      if (interruptWhen()) {
        clearInterval(timer);
        child.kill('SIGINT');
      }
    }, 50);
    setTimeout(() => clearInterval(timer), 60_000).unref();
    child.on('close', () => clearInterval(timer));
  }
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr, ms: performance.now() - started })));
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('png --out: removes only images an earlier export recorded', () => {
  it("keeps a user's 2024-06-01.png and the deck's own 2024-revenue.png, and drops its own stale images", async () => {
    const dir = join(tmp.path, 'png-site');
    mkdirSync(dir);
    writeFileSync(join(dir, '2024-revenue.png'), GRADIENT);
    writeFileSync(join(dir, '2024-06-01.png'), GRADIENT);
    writeFileSync(join(dir, '007-holiday.png'), GRADIENT);
    const deck = (n: number) =>
      `---\ntitle: Revenue\n---\n\n${Array.from({ length: n }, (_, i) => `## Part ${i + 1}\n\n![Revenue](2024-revenue.png)`).join('\n\n---\n\n')}\n`;
    writeFileSync(join(dir, 'deck.md'), deck(3));
    const first = await exportTo('png', join(dir, 'deck.md'), { out: dir });
    expect(first.code, first.output).toBe(0);
    expect(readdirSync(dir)).toContain('003-part-3.png');
    writeFileSync(join(dir, 'deck.md'), deck(2));
    const second = await exportTo('png', join(dir, 'deck.md'), { out: dir });
    expect(second.code, second.output).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      '.chokepoint-png.json',
      '001-part-1.png',
      '002-part-2.png',
      '007-holiday.png',
      '2024-06-01.png',
      '2024-revenue.png',
      'deck.md',
    ]);
    expect(readFileSync(join(dir, '2024-06-01.png'))).toEqual(GRADIENT);
    expect(readFileSync(join(dir, '2024-revenue.png'))).toEqual(GRADIENT);
    expect(JSON.parse(readFileSync(join(dir, '.chokepoint-png.json'), 'utf8')).files).toEqual(['001-part-1.png', '002-part-2.png']);
  }, 240_000);
});

describe('pdf --out: never replaces the deck or a file that is not a PDF', () => {
  it('refuses --out slides/00-title.md (even with --force) and leaves the Markdown intact', async () => {
    const slides = join(tmp.path, 'slides');
    cpSync(FIXTURE, slides, { recursive: true });
    const markdown = join(slides, '00-title.md');
    cpSync(join(slides, 'deck.md'), markdown);
    const before = readFileSync(markdown, 'utf8');
    const plain = await exportTo('pdf', slides, { out: markdown });
    expect(plain.code).toBe(1);
    // The hint does not offer --force, which would be refused too.
    expect(plain.output).toMatch(
      /00-title\.md: --out is one of the deck's own files; refusing to overwrite it with the PDF\n {2}hint: write the PDF elsewhere/,
    );
    expect(plain.output).not.toMatch(/--force/);
    const forced = await exportTo('pdf', slides, { out: markdown, force: true });
    expect(forced.code).toBe(1);
    expect(forced.output).toMatch(/00-title\.md: --out is one of the deck's own files; refusing to overwrite it with the PDF\n {2}hint: /);
    expect(readFileSync(markdown, 'utf8')).toBe(before);
  }, 240_000);

  it('refuses an existing non-PDF file unless --force, and replaces an earlier PDF', async () => {
    const notes = join(tmp.path, 'notes.txt');
    writeFileSync(notes, 'my notes\n');
    const refused = await exportTo('pdf', join(FIXTURE, 'deck.md'), { out: notes });
    expect(refused.code).toBe(1);
    expect(readFileSync(notes, 'utf8')).toBe('my notes\n');
    const forced = await exportTo('pdf', join(FIXTURE, 'deck.md'), { out: notes, force: true });
    expect(forced.code, forced.output).toBe(0);
    expect(readFileSync(notes).subarray(0, 5).toString()).toBe('%PDF-');
    const again = await exportTo('pdf', join(FIXTURE, 'deck.md'), { out: notes });
    expect(again.code, again.output).toBe(0);
  }, 240_000);
});

describe('export limits', () => {
  it('refuses a slide size no browser can render, with file and a hint, before rendering anything', async () => {
    const deck = join(tmp.path, 'huge.md');
    writeFileSync(deck, '---\ntitle: Huge\nsize: 99999x99999\n---\n\n## One\n');
    const out = join(tmp.path, 'huge.pdf');
    const run = await exportTo('pdf', deck, { out });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/huge\.md.*99999/);
    expect(run.output).toMatch(/hint: /);
    noStackTrace(run.output);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('gives up on a CHROME_PATH that never starts within the launch timeout, plainly, leaving nothing behind', async () => {
    const dir = join(tmp.path, 'hang');
    const tmpdir = join(dir, 'tmp');
    mkdirSync(tmpdir, { recursive: true });
    const chrome = join(dir, 'chrome');
    writeFileSync(chrome, '#!/bin/sh\nexec sleep 120\n');
    chmodSync(chrome, 0o755);
    const run = await cli(['pdf', join(FIXTURE, 'deck.md'), '--out', join(dir, 'deck.pdf')], {
      CHROME_PATH: chrome,
      // 1 s before the first look: the give-up (4 × that) costs the suite 4 s of waiting, not 12.
      CHOKEPOINT_BROWSER_TIMEOUT: '1000',
      TMPDIR: tmpdir,
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`chokepoint: the browser at ${chrome} did not start: no sign of a browser within 4 s`);
    expect(run.stderr).not.toContain('Call log');
    noStackTrace(run.stderr);
    expect(run.ms).toBeLessThan(60_000);
    expect(readdirSync(tmpdir)).toEqual([]);
  }, 120_000);

  it('says so when CHROME_PATH is not an executable file', async () => {
    const notExe = join(tmp.path, 'chrome.txt');
    writeFileSync(notExe, 'not a browser');
    const run = await cli(['pdf', join(FIXTURE, 'deck.md'), '--out', join(tmp.path, 'x.pdf')], {
      CHROME_PATH: notExe,
      CHOKEPOINT_SYSTEM_BROWSERS: '',
      PLAYWRIGHT_BROWSERS_PATH: join(tmp.path, 'none'),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`CHROME_PATH=${notExe} (not an executable file)`);
  }, 60_000);

  it('removes temp folders of runs that were killed (their process is gone), and only those', async () => {
    const tmpdir = join(tmp.path, 'stale-tmp');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = join(tmpdir, `chokepoint-export-${dead}-AbC123`);
    const live = join(tmpdir, `chokepoint-check-${process.pid}-XyZ789`);
    mkdirSync(join(stale, 'browser', 'Default'), { recursive: true });
    writeFileSync(join(stale, 'browser', 'Default', 'Preferences'), '{}');
    mkdirSync(live, { recursive: true });
    const run = await cli(['pdf', join(FIXTURE, 'deck.md'), '--out', join(tmp.path, 'stale.pdf')], { TMPDIR: tmpdir });
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(tmpdir)).toEqual([`chokepoint-check-${process.pid}-XyZ789`]);
  }, 120_000);
});

describe('chokepoint check, interrupted', () => {
  it('ends cleanly on Ctrl+C: exit 130, no stack trace, no browser profile or temp folder left', async () => {
    const tmpdir = join(tmp.path, 'check-tmp');
    mkdirSync(tmpdir);
    // Interrupt once the browser's profile exists: Chromium is starting or running.
    const started = () => readdirSync(tmpdir).some((d) => existsSync(join(tmpdir, d, 'browser')));
    const run = await cli(['check', FIXTURE], { TMPDIR: tmpdir }, started);
    expect(run.code, run.stderr).toBe(130);
    noStackTrace(run.stderr);
    expect(readdirSync(tmpdir)).toEqual([]);
  }, 120_000);
});
