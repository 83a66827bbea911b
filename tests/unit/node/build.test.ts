import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDeck } from '../../../src/node/build.ts';
import { tempDir } from '../helpers.ts';

const tmp = tempDir('chokepoint-build-');
afterAll(() => tmp.remove());

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();

describe('chokepoint build', () => {
  it('gives byte-identical output for the same input', async () => {
    const a = join(tmp.path, 'a');
    const b = join(tmp.path, 'b');
    expect((await buildDeck('tests/fixtures/decks/basic/talk.md', a)).ok).toBe(true);
    expect((await buildDeck('tests/fixtures/decks/basic/talk.md', b)).ok).toBe(true);
    expect(listFiles(b)).toEqual(listFiles(a));
    for (const f of listFiles(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('copies images with content-hashed names and points the page at them', async () => {
    const out = join(tmp.path, 'img');
    await buildDeck('tests/fixtures/decks/basic/talk.md', out);
    const image = listFiles(out).find((f) => /^assets\/chip-[0-9a-f]{8}\.svg$/.test(f));
    expect(image).toBeDefined();
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`<img src="${image}" alt="A chip">`);
  });

  it('writes a Content-Security-Policy that allows only its own origin', async () => {
    const out = join(tmp.path, 'csp');
    await buildDeck('tests/fixtures/decks/basic/talk.md', out);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(readFileSync(join(out, 'index.html'), 'utf8'))?.[1];
    // Scripts only from the origin, plus inline ones by hash (reveal's notes popup needed one; the
    // speaker console that replaced it needs none, so the list may be empty).
    expect(csp).toMatch(/default-src 'self'; script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')*;/);
    expect(csp).not.toMatch(/unsafe-inline'[^;]*;.*script|https?:/);
    expect(csp).toContain("object-src 'none'");
  });

  it('puts title, author and generator in the page head', async () => {
    const out = join(tmp.path, 'meta');
    await buildDeck('tests/fixtures/decks/basic/talk.md', out);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<title>Golden deck</title>');
    expect(html).toContain('<meta name="author" content="Test Author">');
    expect(html).toContain('<html lang="en">');
  });

  it('links a theme: custom.css after the built-in styles, with a hashed name', async () => {
    const dir = join(tmp.path, 'themed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'deck.md'), '---\ntheme: brand.css\n---\n# A\n');
    writeFileSync(join(dir, 'brand.css'), '.reveal h1 { color: rgb(1, 2, 3); }');
    const out = join(tmp.path, 'themed-out');
    expect((await buildDeck(dir, out)).ok).toBe(true);
    const links = [...readFileSync(join(out, 'index.html'), 'utf8').matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
    expect(links.at(-1)).toMatch(/^assets\/brand-[0-9a-f]{8}\.css$/);
    expect(readFileSync(join(out, links.at(-1)!), 'utf8')).toContain('rgb(1, 2, 3)');
  });

  it('refuses to replace a folder that is not a previous build', async () => {
    const out = join(tmp.path, 'precious');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.docx'), 'years of work');
    const result = await buildDeck('tests/fixtures/decks/basic/talk.md', out);
    expect(result.ok).toBe(false);
    expect(result.deck.issues.at(-1)?.message).toBe('the output folder is not empty and is not a Chokepoint build; refusing to replace it');
    expect(readFileSync(join(out, 'thesis.docx'), 'utf8')).toBe('years of work');
  });

  it('builds a 1,000-slide deck', async () => {
    const dir = join(tmp.path, 'thousand');
    mkdirSync(dir);
    const slides = Array.from({ length: 1000 }, (_, i) => `## Slide ${i + 1}\n\n- point one\n- point two\n\nNote: notes ${i + 1}`);
    writeFileSync(join(dir, 'deck.md'), slides.join('\n\n---\n\n'));
    const result = await buildDeck(dir, join(tmp.path, 'thousand-out'));
    expect(result.ok).toBe(true);
    expect(result.deck.slides).toHaveLength(1000);
  });
});
