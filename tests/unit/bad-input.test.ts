import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileInput } from '../../src/node/compile.ts';
import { runCli as run, tempDir } from './helpers.ts';

const BAD = 'tests/fixtures/bad';
const tmp = tempDir('chokepoint-bad-');
afterAll(() => tmp.remove());

describe('bad input: a located message, no stack trace, exit 1', () => {
  it.each(readdirSync(BAD))('%s', async (name) => {
    const { code, output } = await run('build', join(BAD, name), '--out', join(tmp.path, name));
    expect(code).toBe(1);
    expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(`${output}\n`).toBe(readFileSync(join(BAD, name, 'expected.txt'), 'utf8'));
  });

  it('a binary file', async () => {
    const dir = join(tmp.path, 'binary');
    mkdirSync(dir);
    writeFileSync(join(dir, 'deck.md'), Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x00, 0x01, 0xff, 0x0a]));
    const { code, output } = await run('build', dir, '--out', join(dir, 'out'));
    expect(code).toBe(1);
    expect(output).toMatch(/binary\/deck\.md:2: this is not a text file \(it contains NUL bytes\)\n {2}hint: decks and data must be UTF-8 text/);
  });

  it('invalid UTF-8, located at its line', async () => {
    const dir = join(tmp.path, 'latin1');
    mkdirSync(dir);
    writeFileSync(join(dir, 'deck.md'), Buffer.concat([Buffer.from('# Title\n\nCaf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const { code, output } = await run('build', dir, '--out', join(dir, 'out'));
    expect(code).toBe(1);
    expect(output).toMatch(/latin1\/deck\.md:3: the file is not valid UTF-8\n {2}hint: save it as UTF-8 in your editor/);
  });

  it('a missing input', async () => {
    const { code, output } = await run('build', join(tmp.path, 'nowhere'), '--out', join(tmp.path, 'o'));
    expect(code).toBe(1);
    expect(output).toMatch(/nowhere: no such file or folder\n {2}hint: give a folder of .md files or one .md file/);
  });
});

describe('unusual input that works', () => {
  it('a separator inside a fenced block does not split the slide', () => {
    const dir = join(tmp.path, 'fence');
    mkdirSync(dir);
    writeFileSync(join(dir, 'deck.md'), '# One\n\n```yaml\n---\nkey: 1\n---\n```\n\n---\n\n# Two\n');
    const deck = compileInput(dir, () => null);
    expect(deck.issues).toEqual([]);
    expect(deck.slides.map((s) => s.title)).toEqual(['One', 'Two']);
  });

  it('CRLF line endings', () => {
    const dir = join(tmp.path, 'crlf');
    mkdirSync(dir);
    writeFileSync(join(dir, 'deck.md'), '---\r\ntitle: T\r\n---\r\n# One\r\nNote: n\r\n---\r\n# Two\r\n');
    const deck = compileInput(dir, () => null);
    expect(deck.issues).toEqual([]);
    expect(deck.slides.map((s) => [s.title, s.line, s.notes])).toEqual([
      ['One', 4, 'n'],
      ['Two', 7, ''],
    ]);
  });

  it('an empty file beside other files is skipped', () => {
    const dir = join(tmp.path, 'with-empty');
    mkdirSync(dir);
    writeFileSync(join(dir, '1.md'), '# One\n');
    writeFileSync(join(dir, '2.md'), '');
    expect(compileInput(dir, () => null).slides).toHaveLength(1);
  });

  it('a folder named x.md is read as a folder, and one inside a deck is ignored', () => {
    const dir = join(tmp.path, 'x.md');
    mkdirSync(join(dir, 'inner.md'), { recursive: true });
    writeFileSync(join(dir, 'a.md'), '# A\n');
    const deck = compileInput(dir, () => null);
    expect(deck.issues).toEqual([]);
    expect(deck.slides.map((s) => s.title)).toEqual(['A']);
  });

  it('a 5 MB file compiles', () => {
    const dir = join(tmp.path, 'big');
    mkdirSync(dir);
    const slide = `## Slide\n\n${'Some words in a paragraph that goes on for a while. '.repeat(40)}\n\n---\n\n`;
    writeFileSync(join(dir, 'deck.md'), slide.repeat(Math.ceil(5e6 / slide.length)));
    const deck = compileInput(dir, () => null);
    expect(deck.issues).toEqual([]);
    expect(deck.slides.length).toBeGreaterThan(2000);
  });
});
