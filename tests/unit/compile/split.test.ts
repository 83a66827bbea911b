import { describe, expect, it } from 'vitest';
import { splitSlides } from '../../../src/compile/split.ts';
import { DeckError } from '../../../src/compile/errors.ts';

const bodies = (stacks: ReturnType<typeof splitSlides>) => stacks.map((s) => s.map((x) => x.body.trim()));

describe('splitSlides', () => {
  it('starts a horizontal slide at a line that is exactly ---', () => {
    expect(bodies(splitSlides('# A\n---\n# B\n---\n# C\n', 'f.md', 0))).toEqual([['# A'], ['# B'], ['# C']]);
  });

  it('starts a vertical slide at ----', () => {
    expect(bodies(splitSlides('# A\n----\n# A2\n---\n# B\n', 'f.md', 0))).toEqual([['# A', '# A2'], ['# B']]);
  });

  it('never splits inside a fenced code block', () => {
    const md = '# A\n```yaml\n---\nkey: 1\n----\n```\n~~~\n---\n~~~\n---\n# B';
    const stacks = splitSlides(md, 'f.md', 0);
    expect(stacks).toHaveLength(2);
    expect(stacks[0]![0]!.body).toContain('key: 1');
  });

  it('skips the front matter lines', () => {
    const md = '---\ntitle: x\n---\n# A\n---\n# B';
    expect(bodies(splitSlides(md, 'f.md', 3))).toEqual([['# A'], ['# B']]);
  });

  it('ignores leading and trailing separators instead of making empty slides', () => {
    expect(bodies(splitSlides('---\n# A\n---\n# B\n---\n', 'f.md', 0))).toEqual([['# A'], ['# B']]);
  });

  it('keeps an empty slide between two separators', () => {
    expect(bodies(splitSlides('# A\n---\n\n---\n# C', 'f.md', 0))).toEqual([['# A'], [''], ['# C']]);
  });

  it('does not treat --- with text around it, or a setext underline of four dashes plus text, as a separator', () => {
    expect(splitSlides('# A\n--- x\n-----\n', 'f.md', 0)).toHaveLength(1);
  });

  it('records the file line where each slide starts', () => {
    const stacks = splitSlides('# A\n\n---\n# B\n----\n\n# C', 'f.md', 0);
    expect(stacks.flat().map((s) => s.line)).toEqual([1, 4, 6]);
  });

  it('honours reveal-md custom separators as regular expressions', () => {
    const md = '# A\n<!--s-->\n# B\n<!--v-->\n# B2\n---\nstill B2';
    const stacks = splitSlides(md, 'f.md', 0, { separator: '^<!--s-->$', verticalSeparator: '^<!--v-->$' });
    expect(bodies(stacks)).toEqual([['# A'], ['# B', '# B2\n---\nstill B2']]);
  });

  it('supports a multi-line separator such as three blank lines', () => {
    const stacks = splitSlides('# A\n\n\n\n# B', 'f.md', 0, { separator: '\\n\\n\\n\\n' });
    expect(bodies(stacks)).toEqual([['# A'], ['# B']]);
  });

  it('reports an unclosed fence with its line instead of swallowing the rest of the deck', () => {
    try {
      splitSlides('# A\n\n```js\nx\n---\n# B', 'f.md', 0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DeckError);
      expect((e as DeckError).issue).toMatchObject({ file: 'f.md', line: 3, message: 'code block opened with ``` is never closed' });
    }
  });
});

describe('splitSlides with blank lines in code', () => {
  it('does not let a multi-line separator match blank lines inside a fence', () => {
    const md = '# A\n```\nx\n\n\n\ny\n```\n\n\n\n# B';
    const stacks = splitSlides(md, 'f.md', 0, { separator: '\\n\\n\\n\\n' });
    expect(stacks).toHaveLength(2);
    expect(stacks[0]![0]!.body).toContain('y');
  });
});
