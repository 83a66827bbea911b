import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPng, type ExportFlags } from '../../src/commands/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { tempDir } from './helpers.ts';

// Issue 20 item 11: `png --out` must not replace a file of the author's that is named like a slide image,
// nor delete another deck's images from the folder, unless told to with --force.
const tmp = tempDir('chokepoint-png-out-');
afterAll(() => tmp.remove());
const GRADIENT = readFileSync('tests/fixtures/decks/export/gradient.png');

async function png(input: string, flags: ExportFlags): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
  return { code: await runPng(input, flags, out, silentProgress), output: lines.join('\n') };
}

const deck = (dir: string, title: string, slides: string[]) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'deck.md'), `---\ntitle: ${title}\n---\n\n${slides.map((s) => `## ${s}`).join('\n\n---\n\n')}\n`);
  return join(dir, 'deck.md');
};

describe('png --out: files it did not write', () => {
  it("keeps the author's 001-my-talk.png (a PNG or not) unless --force, with a located message and nothing rendered", async () => {
    const talk = deck(join(tmp.path, 'talk'), 'Talk', ['My talk', 'Second']);
    const out = join(tmp.path, 'talk-png');
    mkdirSync(out);
    writeFileSync(join(out, '001-my-talk.png'), GRADIENT);
    const refused = await png(talk, { out });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(
      /001-my-talk\.png: this file was not written by `chokepoint png` for this deck; refusing to replace it with slide image 001-my-talk\.png\n {2}hint: /,
    );
    expect(readFileSync(join(out, '001-my-talk.png'))).toEqual(GRADIENT);
    expect(readdirSync(out)).toEqual(['001-my-talk.png']);

    writeFileSync(join(out, '001-my-talk.png'), 'my notes, saved with the wrong name\n');
    const text = await png(talk, { out });
    expect(text.code).toBe(1);
    expect(text.output).toContain('this file is not a PNG image; refusing to replace it');
    expect(readFileSync(join(out, '001-my-talk.png'), 'utf8')).toBe('my notes, saved with the wrong name\n');

    const forced = await png(talk, { out, force: true });
    expect(forced.code, forced.output).toBe(0);
    expect(readFileSync(join(out, '001-my-talk.png')).subarray(1, 4).toString()).toBe('PNG');
    // Its own images, once recorded, are replaced without --force.
    const again = await png(talk, { out });
    expect(again.code, again.output).toBe(0);
  }, 240_000);

  it("refuses to export deck B into deck A's folder unless --force, and records which deck wrote the images", async () => {
    const a = deck(join(tmp.path, 'a'), 'Deck A', ['Alpha', 'Beta', 'Gamma']);
    const b = deck(join(tmp.path, 'b'), 'Deck B', ['One']);
    const out = join(tmp.path, 'shared-png');
    expect((await png(a, { out })).code).toBe(0);
    const imagesOfA = readdirSync(out).sort();
    expect(JSON.parse(readFileSync(join(out, '.chokepoint-png.json'), 'utf8')).deck).toBe('../a/deck.md');
    const refused = await png(b, { out });
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/shared-png: --out holds the 3 images of another deck \(.*a\/deck\.md\); refusing to replace them\n {2}hint: .*--force/);
    expect(readdirSync(out).sort()).toEqual(imagesOfA);
    const forced = await png(b, { out, force: true });
    expect(forced.code, forced.output).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.chokepoint-png.json', '001-one.png']);
    expect(JSON.parse(readFileSync(join(out, '.chokepoint-png.json'), 'utf8')).deck).toBe('../b/deck.md');
  }, 240_000);
});
