import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckFileProblem } from '../../../src/export/out-guard.ts';
import { runPptx } from '../../../src/commands/pptx.ts';
import { tempDir } from '../helpers.ts';

const capture = () => {
  const lines: string[] = [];
  return { lines, out: { log: (s: string) => lines.push(s), error: (s: string) => lines.push(s) } };
};

describe('pptx --out never destroys a file that is not a PowerPoint file', () => {
  it("refuses the deck's own Markdown and leaves it intact", async () => {
    const dir = tempDir().path;
    const md = join(dir, 'talk.md');
    writeFileSync(md, '# Keep me\n');
    const { lines, out } = capture();
    expect(await runPptx(md, { out: md }, out)).toBe(1);
    expect(readFileSync(md, 'utf8')).toBe('# Keep me\n');
    // Not "add --force": the export refuses the deck's own files even then.
    expect(lines.join('\n')).toMatch(
      /talk\.md: --out is one of the deck's own files; refusing to overwrite it with the PowerPoint file\n {2}hint: write the PowerPoint file elsewhere/,
    );
    expect(lines.join('\n')).not.toMatch(/--force/);
  });

  it('refuses any other existing non-zip file unless --force', async () => {
    const dir = tempDir().path;
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'my notes');
    const { out } = capture();
    expect(await runPptx(join(dir, 'missing.md'), { out: notes }, out)).toBe(1);
    expect(readFileSync(notes, 'utf8')).toBe('my notes');
  });

  it("treats one of the deck's files as never replaceable, even with --force", () => {
    const dir = tempDir().path;
    const md = join(dir, 'talk.md');
    writeFileSync(md, '# Keep me\n');
    const issue = deckFileProblem(md, [md], 'pptx');
    expect(issue?.code).toBe('out-is-input');
    expect(issue?.message).toMatch(/refusing to overwrite it with the PowerPoint file/);
    expect(issue?.hint).toBe('write the PowerPoint file elsewhere, e.g. --out deck.pptx');
    expect(deckFileProblem(md, [md], 'pdf')?.hint).toBe('write the PDF elsewhere, e.g. --out deck.pdf');
    expect(deckFileProblem(join(dir, 'deck.pptx'), [md], 'pptx')).toBeUndefined();
  });
});
