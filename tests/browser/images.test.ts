import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckIssue } from '../../src/check/types.ts';
import { main } from '../../src/cli.ts';
import { tempDir } from '../unit/helpers.ts';

// A 1200x700 image with a sentence and a source line under it, a 800x1200 image in a column, sized images and
// the three kinds of background, with a footer and a logo: every image inside its slide, nothing over the
// footer, at the default size, at 1280x720 and in the light theme (check measures it in Chromium).
const FIXTURE = 'tests/fixtures/decks/images';
const tmp = tempDir('chokepoint-images-');
afterAll(() => tmp.remove());

async function check(dir: string): Promise<{ code: number; issues: CheckIssue[] }> {
  const out: string[] = [];
  const code = await main(['check', dir, '--json'], { log: (s) => out.push(s), error: (s) => out.push(s) });
  return { code, issues: (JSON.parse(out.join('\n')) as { issues: CheckIssue[] }).issues };
}

function variant(name: string, settings: string): string {
  const dir = join(tmp.path, name);
  cpSync(FIXTURE, dir, { recursive: true });
  const deck = join(dir, 'deck.md');
  writeFileSync(deck, readFileSync(deck, 'utf8').replace(/^---\n/, `---\n${settings}\n`));
  return dir;
}

describe('images fit the room left on the slide', () => {
  it.each([
    ['1920x1080, dark', ''],
    ['1280x720', 'size: 1280x720'],
    ['light theme', 'theme: light'],
  ])(
    '%s: no overflow, nothing over the footer or logo',
    async (name, settings) => {
      const { code, issues } = await check(settings ? variant(name.replace(/\W+/g, '-'), settings) : FIXTURE);
      expect(issues.filter((i) => i.severity === 'error').map((i) => `${i.line}: ${i.rule}: ${i.message}`)).toEqual([]);
      expect(code).toBe(0);
    },
    120_000,
  );
});
