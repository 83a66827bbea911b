import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDeck } from '../../../src/node/build.ts';
import { runCli, tempDir } from '../helpers.ts';

const tmp = tempDir('chokepoint-outdir-');
afterAll(() => tmp.remove());
let n = 0;

/** A fresh copy of a tests/fixtures/data-loss folder. */
function fixture(name: string): string {
  const dir = join(tmp.path, `${n++}`, name);
  cpSync(join('tests/fixtures/data-loss', name), dir, { recursive: true });
  return dir;
}

/** Every file under `dir` (dotfiles and .git/ included) with its content. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => [relative(dir, join(d.parentPath, d.name)), readFileSync(join(d.parentPath, d.name), 'utf8')]),
  );
}

const tmpLeftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('chokepoint-tmp'));

describe('build --out never deletes what it did not write', () => {
  it('a rebuild keeps the CNAME, .git/ and notes a user added to an earlier build, and replaces only its own files', async () => {
    const out = fixture('old-build');
    mkdirSync(join(out, '.git/refs'), { recursive: true });
    writeFileSync(join(out, '.git/HEAD'), 'ref: refs/heads/gh-pages\n');
    writeFileSync(join(out, '.git/refs/main'), 'abc\n');
    const before = snapshot(out);
    const { code, output } = await runCli('build', 'tests/fixtures/decks/basic/talk.md', '--out', out);
    expect(output).toMatch(/^Built 4 slides/m);
    expect(code).toBe(0);
    const after = snapshot(out);
    for (const f of ['CNAME', 'notes.txt', '.git/HEAD', '.git/refs/main']) expect(after[f], f).toBe(before[f]);
    // The old build's own files: the page is replaced, the stale asset is gone.
    expect(after['index.html']).toContain('Golden deck');
    expect(existsSync(join(out, 'assets/main-0000aaaa.js'))).toBe(false);
    const manifest = JSON.parse(after['.chokepoint-build.json']!) as { files: string[] };
    expect(manifest.files).toContain('index.html');
    expect(manifest.files).not.toContain('CNAME');
    // A second rebuild still keeps them, and removes exactly the files the first one recorded.
    expect((await runCli('build', 'tests/fixtures/decks/basic/talk.md', '--out', out)).code).toBe(0);
    for (const f of ['CNAME', 'notes.txt', '.git/HEAD']) expect(snapshot(out)[f], f).toBe(before[f]);
    expect(Object.keys(snapshot(out)).sort()).toEqual(
      [...manifest.files, '.chokepoint-build.json', 'CNAME', 'notes.txt', '.git/HEAD', '.git/refs/main'].sort(),
    );
    expect(tmpLeftovers(join(out, '..'))).toEqual([]);
  });

  it('refuses a folder whose index.html merely mentions the generator meta in a comment', async () => {
    const out = fixture('mention');
    const before = snapshot(out);
    const { code, output } = await runCli('build', 'tests/fixtures/decks/basic/talk.md', '--out', out);
    expect(code).toBe(1);
    expect(output).toContain('the output folder is not empty and is not a Chokepoint build; refusing to replace it');
    expect(snapshot(out)).toEqual(before);
    expect(tmpLeftovers(join(out, '..'))).toEqual([]);
  });

  it('`build site2/talk --out site2` refuses: the input is inside the output folder (every file survives)', async () => {
    const site = fixture('site2');
    const before = snapshot(site);
    const { code, output } = await runCli('build', join(site, 'talk'), '--out', site);
    expect(code).toBe(1);
    expect(output).toMatch(/site2: the output folder contains the deck itself/);
    expect(snapshot(site)).toEqual(before);
    const result = await buildDeck(join(site, 'talk'), site);
    expect(result.deck.issues.at(-1)?.code).toBe('out-contains-input');
  });

  it('refuses --out equal to the input folder, or a parent of it, even when empty of other files', async () => {
    const root = join(tmp.path, 'parent');
    mkdirSync(join(root, 'deck'), { recursive: true });
    writeFileSync(join(root, 'deck', 'talk.md'), '# Hello\n');
    for (const out of [join(root, 'deck'), root]) {
      const result = await buildDeck(join(root, 'deck'), out);
      expect(result.ok, out).toBe(false);
      expect(result.deck.issues.at(-1)?.code).toBe('out-contains-input');
    }
    // A single-file input: its own folder is the deck.
    const single = await buildDeck(join(root, 'deck', 'talk.md'), join(root, 'deck'));
    expect(single.deck.issues.at(-1)?.code).toBe('out-contains-input');
    expect(snapshot(root)).toEqual({ 'deck/talk.md': '# Hello\n' });
  });

  it('refuses when a file the deck reads (an image) is inside --out', async () => {
    const root = join(tmp.path, 'reads');
    mkdirSync(join(root, 'dist/assets'), { recursive: true });
    writeFileSync(join(root, 'dist/assets/logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'dist/.chokepoint-build.json'), JSON.stringify({ generator: 'Chokepoint', files: ['assets/logo.svg'] }));
    writeFileSync(join(root, 'talk.md'), '# Logo\n\n![The logo](dist/assets/logo.svg)\n');
    const before = snapshot(root);
    const result = await buildDeck(join(root, 'talk.md'), join(root, 'dist'));
    expect(result.ok).toBe(false);
    expect(result.deck.issues.at(-1)).toMatchObject({ code: 'out-contains-deck-file', severity: 'error' });
    expect(result.deck.issues.at(-1)?.message).toContain('logo.svg');
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses to replace a file of the user that a build would write over', async () => {
    const out = fixture('old-build');
    mkdirSync(join(out, 'assets'), { recursive: true });
    const first = await buildDeck('tests/fixtures/decks/basic/talk.md', join(tmp.path, 'probe'));
    const image = readdirSync(join(first.outDir, 'assets')).find((f) => f.startsWith('chip-'))!;
    writeFileSync(join(out, 'assets', image), 'mine');
    const result = await buildDeck('tests/fixtures/decks/basic/talk.md', out);
    expect(result.deck.issues.at(-1)?.code).toBe('out-file-not-ours');
    expect(readFileSync(join(out, 'assets', image), 'utf8')).toBe('mine');
  });

  it('a file of the user where the build needs a folder is an error, not a stack trace', async () => {
    const out = join(tmp.path, 'blocked');
    mkdirSync(out);
    writeFileSync(join(out, '.chokepoint-build.json'), JSON.stringify({ generator: 'Chokepoint', files: ['assets'] }));
    writeFileSync(join(out, 'assets'), 'a file, recorded by hand');
    const result = await buildDeck('tests/fixtures/decks/basic/talk.md', out);
    expect(result.ok).toBe(false);
    expect(result.deck.issues.at(-1)?.code).toBe('out-write-failed');
    expect(tmpLeftovers(tmp.path)).toEqual([]);
  });

  it('ignores entries of a hand-edited build record that point outside the folder', async () => {
    const out = fixture('old-build');
    const victim = join(out, '..', 'victim.txt');
    writeFileSync(victim, 'keep me');
    writeFileSync(join(out, '.chokepoint-build.json'), JSON.stringify({ generator: 'Chokepoint', files: ['../victim.txt', '/etc/hostname', 'index.html'] }));
    expect((await buildDeck('tests/fixtures/decks/basic/talk.md', out)).ok).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });

  it("`--out ''` is a usage error and leaves no .chokepoint-tmp behind", async () => {
    const { code, output } = await runCli('build', 'tests/fixtures/decks/basic/talk.md', '--out', '');
    expect(code).toBe(2);
    expect(output).toContain('--out is empty');
    expect(readdirSync('.').filter((f) => f.includes('chokepoint-tmp'))).toEqual([]);
    const direct = await buildDeck('tests/fixtures/decks/basic/talk.md', '');
    expect(direct.deck.issues.at(-1)?.code).toBe('out-empty');
  });

  it('a build that fails leaves neither a tmp folder nor a changed output', async () => {
    const out = fixture('old-build');
    const before = snapshot(out);
    const deck = join(tmp.path, 'broken');
    mkdirSync(deck);
    writeFileSync(join(deck, 'talk.md'), '# A\n\n![missing](nope.png)\n');
    expect((await buildDeck(deck, out)).ok).toBe(false);
    expect(snapshot(out)).toEqual(before);
    expect(tmpLeftovers(join(out, '..'))).toEqual([]);
  });
});
