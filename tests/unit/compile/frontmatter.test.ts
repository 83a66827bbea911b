import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../../src/compile/frontmatter.ts';
import { DeckError } from '../../../src/compile/errors.ts';

const fails = (text: string) => {
  try {
    parseFrontMatter(text, 'talk.md');
  } catch (e) {
    if (e instanceof DeckError) return e.issue;
    throw e;
  }
  throw new Error('expected a DeckError');
};

describe('front matter', () => {
  it('reads settings and counts the lines it occupies', () => {
    const fm = parseFrontMatter('---\ntitle: Chokepoint\nauthor: A. Analyst\nsize: 1280x720\nreveal:\n  transition: none\n---\n# Slide', 'talk.md');
    expect(fm.lines).toBe(7);
    expect(fm.meta).toMatchObject({ title: 'Chokepoint', author: 'A. Analyst', width: 1280, height: 720, lang: 'en', reveal: { transition: 'none' } });
    expect(fm.issues).toEqual([]);
  });

  it('has defaults without front matter', () => {
    expect(parseFrontMatter('# Slide', 'talk.md')).toMatchObject({ lines: 0, meta: { width: 1920, height: 1080, sources: 'sources.yaml' } });
  });

  it("accepts reveal-md's revealOptions and merges them into reveal", () => {
    const fm = parseFrontMatter('---\nrevealOptions:\n  controls: false\nseparator: "^<!--s-->$"\n---\n', 'talk.md');
    expect(fm.meta.reveal).toEqual({ controls: false });
    expect(fm.meta.separator).toBe('^<!--s-->$');
  });

  it('warns about an unknown key and suggests the closest one, with its line', () => {
    const fm = parseFrontMatter('---\ntitle: x\nauthr: y\n---\n', 'talk.md');
    expect(fm.issues).toEqual([
      expect.objectContaining({
        file: 'talk.md',
        line: 3,
        severity: 'warning',
        message: 'unknown front matter key `authr` is ignored',
        hint: 'did you mean `author`?',
      }),
    ]);
  });

  it('rejects a known key with the wrong type, at its line', () => {
    expect(fails('---\ntitle: x\nreveal: fast\n---\n')).toMatchObject({
      line: 3,
      message: 'front matter `reveal` must be a set of `key: value` options, not the string `fast`',
    });
    expect(fails('---\ntotalTime: soon\n---\n')).toMatchObject({ line: 2 });
  });

  it('rejects a malformed size', () => {
    expect(fails('---\nsize: big\n---\n')).toMatchObject({ line: 2, message: 'front matter `size` must look like `1920x1080`, not `big`' });
  });

  it('reports YAML syntax errors at the line they occur', () => {
    expect(fails('---\ntitle: x\nauthor: [unclosed\n---\n')).toMatchObject({ file: 'talk.md', line: 3 });
  });

  it('treats a leading --- followed by Markdown as a separator, not settings', () => {
    expect(parseFrontMatter('---\n# Slide one\n---\n# Two', 'talk.md').lines).toBe(0);
  });

  it('rejects an invalid separator regular expression', () => {
    expect(fails('---\nseparator: "(("\n---\n')).toMatchObject({ line: 2 });
  });
});
