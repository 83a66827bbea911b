import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDeck } from '../../../src/node/build.ts';
import { runCli, tempDir } from '../helpers.ts';

const tmp = tempDir('chokepoint-confine-');
afterAll(() => tmp.remove());
// As root, chmod 000 does not stop a read: those assertions need an ordinary user.
const isRoot = process.getuid?.() === 0;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>x</title></svg>';
let n = 0;

/** A deck folder `<tmp>/<n>/deck` with `files`, next to a `<tmp>/<n>/secret` folder holding a secret. */
function deck(files: Record<string, string>): { dir: string; secret: string } {
  const base = join(tmp.path, `${n++}`);
  const dir = join(base, 'deck');
  const secret = join(base, 'secret');
  mkdirSync(dir, { recursive: true });
  mkdirSync(secret);
  writeFileSync(join(secret, 'x.css'), 'body { --secret: "hunter2"; }');
  writeFileSync(join(secret, 'data.csv'), 'name,value\nhunter2,1\n');
  writeFileSync(join(secret, 'sources.yaml'), 'k:\n  title: hunter2\n  publisher: P\n  date: 2024-01-01\n');
  writeFileSync(join(secret, 'key.svg'), SVG.replace('x</title>', 'hunter2</title>'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, secret };
}

async function build(dir: string, ...extra: string[]) {
  const out = join(dir, '..', 'out');
  const result = await runCli('build', dir, '--out', out, ...extra);
  expect(result.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  return { ...result, out };
}

const chart = (data: string) => `# Chart\n\n\`\`\`chart\nkind: bar\ntitle: T\ndata: ${data}\nx: name\ny: value\n\`\`\`\n`;

describe('a deck reads only files inside its own folder', () => {
  it.each([
    ['an image path that climbs out', { 'talk.md': '# A\n\nText\n\n![k](../secret/key.svg)\n' }, /talk\.md:5: `.*secret\/key\.svg` is outside the deck folder/],
    [
      '../../etc/passwd as an image',
      { 'talk.md': '# A\n\n![p](../../../../../../../../etc/passwd)\n' },
      /talk\.md:3: `\/etc\/passwd` is outside the deck folder/,
    ],
    ['theme: ../secret/x.css', { 'talk.md': '---\ntitle: T\ntheme: ../secret/x.css\n---\n# A\n' }, /talk\.md:3: `.*secret\/x\.css` is outside the deck folder/],
    ['chart data: ../secret/data.csv', { 'talk.md': chart('../secret/data.csv') }, /talk\.md:6: `.*secret\/data\.csv` is outside the deck folder/],
    [
      'sources: ../secret/sources.yaml',
      { 'talk.md': '---\nsources: ../secret/sources.yaml\n---\n# A [@k]\n' },
      /talk\.md:2: `.*secret\/sources\.yaml` is outside the deck folder/,
    ],
  ])('%s: a located outside-deck error, nothing copied', async (_, files, message) => {
    const { dir } = deck(files);
    const { code, output, out } = await build(dir);
    expect(output).toMatch(message);
    expect(output).toContain('hint: a deck reads only files inside');
    expect(output).toContain('--allow-dir');
    expect(code).toBe(1);
    expect(() => readFileSync(join(out, 'index.html'))).toThrow();
  });

  it('a symlinked image that points outside is refused; one that points inside works', async () => {
    const { dir, secret } = deck({ 'talk.md': '# A\n\n![k](link.svg)\n', 'real.svg': SVG });
    symlinkSync(join(secret, 'key.svg'), join(dir, 'link.svg'));
    const outside = await build(dir);
    expect(outside.output).toMatch(/talk\.md:3: `.*deck\/link\.svg` is outside the deck folder \(it is .*secret\/key\.svg\)/);
    const result = await buildDeck(dir, join(dir, '..', 'out2'));
    expect(result.deck.issues[0]?.code).toBe('outside-deck');
    const { dir: ok } = deck({ 'talk.md': '# A\n\n![k](link.svg)\n', 'real.svg': SVG });
    symlinkSync(join(ok, 'real.svg'), join(ok, 'link.svg'));
    expect((await build(ok)).code).toBe(0);
  });

  it('--allow-dir widens the root: the same deck then builds', async () => {
    const { dir, secret } = deck({ 'talk.md': `---\ntheme: ../secret/x.css\n---\n${chart('../secret/data.csv')}\n---\n\n![k](../secret/key.svg)\n` });
    expect((await build(dir)).code).toBe(1);
    const { code, out, output } = await build(dir, '--allow-dir', secret);
    expect(output).toMatch(/^Built 2 slides/m);
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('hunter2');
    expect((await runCli('build', dir, '--allow-dir', join(secret, 'nope'))).code).toBe(2);
  });

  // --allow-dir travels as an option of each command (it was a module global the CLI set): the single-file
  // build gets it too, and a later command in the same process without the flag does not inherit it.
  it('--allow-dir reaches build --single-file, and does not outlive its command', async () => {
    const { dir, secret } = deck({ 'talk.md': `---\ntheme: ../secret/x.css\n---\n# A\n` });
    const html = join(dir, '..', 'single.html');
    const single = await runCli('build', dir, '--single-file', '--out', html, '--allow-dir', secret);
    expect(single.code, single.output).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('hunter2');
    const again = await build(dir);
    expect(again.output).toMatch(/is outside the deck folder/);
    expect(again.code).toBe(1);
  });

  it('data-file attributes in the built page are relative to the deck, never absolute', async () => {
    const { dir } = deck({ '01-intro.md': '# One\n', 'part/../02-next.md': '# Two\n' });
    const { code, out } = await build(dir);
    expect(code).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect([...html.matchAll(/data-file="([^"]*)"/g)].map((m) => m[1])).toEqual(['01-intro.md', '02-next.md']);
    expect(html).not.toContain(tmp.path);
  });
});

describe('a file that cannot be read says why, with its path', () => {
  it('a symlinked 01.md that points outside the deck is reported, not skipped', async () => {
    const { dir, secret } = deck({ '02.md': '# Two\n' });
    writeFileSync(join(secret, 'one.md'), '# One\n');
    symlinkSync(join(secret, 'one.md'), join(dir, '01.md'));
    const { code, output } = await build(dir);
    expect(code).toBe(1);
    expect(output).toMatch(/deck\/01\.md: `.*deck\/01\.md` is outside the deck folder/);
  });

  it('a symlinked 01.md inside the deck is read; a broken one is reported', async () => {
    const { dir } = deck({ 'src/one.md': '# One\n', '02.md': '# Two\n' });
    symlinkSync(join(dir, 'src/one.md'), join(dir, '01.md'));
    const result = await buildDeck(dir, join(dir, '..', 'o1'));
    expect(result.deck.slides.map((s) => s.title)).toEqual(['One', 'Two']);
    symlinkSync(join(dir, 'gone.md'), join(dir, '03.md'));
    const { output } = await build(dir);
    expect(output).toMatch(/deck\/03\.md: `.*03\.md` is a symbolic link to a file that does not exist/);
  });

  it('an unreadable 01.md is reported', async () => {
    const { dir } = deck({ '01.md': '# One\n', '02.md': '# Two\n' });
    chmodSync(join(dir, '01.md'), 0o000);
    const { code, output } = await build(dir);
    if (isRoot) return void console.info('skipped: running as root, where chmod 000 does not stop a read');
    expect(code).toBe(1);
    expect(output).toMatch(/01\.md: `.*01\.md` cannot be read: permission denied/);
  });

  it('sources.yaml that cannot be read is reported as such, not as an unknown source', async () => {
    const { dir } = deck({ 'talk.md': '# A [@k]\n' });
    mkdirSync(join(dir, 'sources.yaml'));
    const folder = await build(dir);
    expect(folder.output).toMatch(/deck\/sources\.yaml: `.*sources\.yaml` is a folder, not a file/);
    expect(folder.output).not.toContain('unknown source');
    const { dir: d2 } = deck({ 'talk.md': '# A [@k]\n', 'sources.yaml': 'k:\n  title: T\n  publisher: P\n  date: 2024-01-01\n' });
    chmodSync(join(d2, 'sources.yaml'), 0o000);
    const denied = await build(d2);
    if (isRoot) return void console.info('skipped: running as root, where chmod 000 does not stop a read');
    expect(denied.output).toMatch(/sources\.yaml` cannot be read: permission denied/);
    expect(denied.output).not.toContain('unknown source');
  });

  it('a chart data file that is a folder or a FIFO says exactly that, at the data line', async () => {
    const { dir } = deck({ 'talk.md': chart('data.csv') });
    mkdirSync(join(dir, 'data.csv'));
    expect((await build(dir)).output).toMatch(/talk\.md:6: `.*data\.csv` is a folder, not a file/);
    const { dir: d2 } = deck({ 'talk.md': chart('pipe.csv') });
    execFileSync('mkfifo', [join(d2, 'pipe.csv')]);
    const fifo = await build(d2);
    expect(fifo.output).toMatch(/talk\.md:6: `.*pipe\.csv` is a named pipe \(FIFO\), not a file/);
    expect(fifo.code).toBe(1);
  });

  it('an image that is a FIFO or unreadable is a located error, not a stack trace', async () => {
    const { dir } = deck({ 'talk.md': '# A\n\n![p](pipe.png)\n' });
    execFileSync('mkfifo', [join(dir, 'pipe.png')]);
    expect((await build(dir)).output).toMatch(/talk\.md:3: `.*pipe\.png` is a named pipe \(FIFO\), not a file/);
    const { dir: d2 } = deck({ 'talk.md': '# A\n\n![k](key.svg)\n', 'key.svg': SVG });
    chmodSync(join(d2, 'key.svg'), 0o000);
    const denied = await build(d2);
    if (isRoot) return void console.info('skipped: running as root, where chmod 000 does not stop a read');
    expect(denied.output).toMatch(/talk\.md:3: `.*key\.svg` cannot be read: permission denied/);
    expect(denied.code).toBe(1);
  });
});
