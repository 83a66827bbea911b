import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run, tempDir } from './helpers.ts';

const tmp = tempDir('chokepoint-cli-');
afterAll(() => tmp.remove());

describe('chokepoint CLI', () => {
  it('prints usage with --help and exits 0', async () => {
    const { code, output } = await run('--help');
    expect(code).toBe(0);
    expect(output).toMatch(/^Usage: chokepoint <command> \[input\] \[options\]/);
  });

  it.each([
    [['frobnicate'], /unknown command `frobnicate`/],
    [['build', '--nope'], /Unknown option '--nope'/],
    [['build', 'a', 'b'], /unexpected argument `b`/],
    [['dev', '--port', 'http'], /--port must be a number from 0 to 65535, not `http`/],
    [['present', '--max-viewers', '0'], /--max-viewers must be a whole number from 1 to 100000, not `0`/],
    [[], /^Usage:/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, output } = await run(...argv);
    expect(code).toBe(2);
    expect(output).toMatch(message);
  });

  it('builds a deck and says where, how many slides and how long', async () => {
    const { code, output } = await run('build', 'tests/fixtures/decks/nav/deck.md', '--out', join(tmp.path, 'out'));
    expect(code).toBe(0);
    expect(output).toMatch(/^Built 4 slides into .*out\/ \(\d+ files, [\d.]+ KiB\) in [\d.]+ s$/);
  });

  it('counts one slide as "1 slide", and `new` tells the next steps with npx', async () => {
    const one = join(tmp.path, 'one.md');
    writeFileSync(one, '# Only slide\n');
    expect((await run('build', one, '--out', join(tmp.path, 'one'))).output).toMatch(/^Built 1 slide into /);
    const made = await run('new', join(tmp.path, 'talk'));
    expect(made.output).toMatch(
      /^Next: npx chokepoint dev .*talk {3}\(then edit .*talk\/deck\.md\)\n {6}npx chokepoint check .*talk {3}\(before you present\)$/m,
    );
  });

  it('refuses to preview a folder with no built deck, exit 1', async () => {
    const { code, output } = await run('preview', join(tmp.path, 'empty'));
    expect(code).toBe(1);
    expect(output).toMatch(/empty: no built deck here \(index.html is missing\)\n {2}hint: run `chokepoint build` first/);
  });
});
