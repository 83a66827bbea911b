import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, flatten } from '../../src/check/contrast.ts';
import type { CheckSummary } from '../../src/check/report.ts';
import type { CheckIssue } from '../../src/check/types.ts';
import { main } from '../../src/cli.ts';

const FIX = 'tests/fixtures/check';
const LAYOUT = `${FIX}/bad/01-layout.md`;
const CONTENT = `${FIX}/bad/02-content.md`;

/** Runs `chokepoint check` in-process, capturing what it prints. */
async function check(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(['check', ...args], { log: (s) => stdout.push(s), error: (s) => stderr.push(s) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** Runs the built CLI in a child process, for its real exit status. */
const spawnCheck = (...args: string[]) =>
  promisify(execFile)('node', ['bin/chokepoint.js', 'check', ...args]).then(
    (r) => ({ ...r, code: 0 }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

type Run = Awaited<ReturnType<typeof check>>;
let bad: { code: number; issues: CheckIssue[]; summary: CheckSummary };
let runs: { clean: Run; small: Run; unknown: Run; spawned: Run; density: Run };
// Each check launches its own Chromium; running them side by side keeps the file fast.
beforeAll(async () => {
  const [b, clean, small, unknown, spawned, density] = await Promise.all([
    check(`${FIX}/bad`, '--json'),
    check(`${FIX}/clean`),
    check(`${FIX}/small/deck.md`, '--json'),
    check(`${FIX}/unknown-source`),
    spawnCheck(`${FIX}/bad`),
    check(`${FIX}/density`, '--json'),
  ]);
  bad = { code: b.code, ...JSON.parse(b.stdout) };
  runs = { clean, small, unknown, spawned, density };
});

/** The findings of one rule at one file:line of the bad deck. */
const at = (rule: CheckIssue['rule'], file: string, line: number) => bad.issues.filter((i) => i.rule === rule && i.file === file && i.line === line);

describe('chokepoint check on a deck with one problem per slide (--json)', () => {
  it('finds exactly the planted problems, in deck order, and exits 1', () => {
    expect(bad.code).toBe(1);
    expect(bad.issues.map((i) => `${i.file.replace(`${FIX}/bad/`, '')}:${i.line} ${i.severity} ${i.rule}`)).toEqual([
      'sources.yaml:5 warning source',
      '01-layout.md:12 error overflow',
      // The too-tall slide is too tall because it holds too many words.
      '01-layout.md:12 warning density',
      '01-layout.md:40 error overflow',
      '01-layout.md:48 error overflow',
      '01-layout.md:56 error overflow',
      '01-layout.md:89 error overflow',
      '01-layout.md:102 error small-text',
      '01-layout.md:110 error contrast',
      '02-content.md:3 error alt',
      '02-content.md:11 error svg-title',
      '02-content.md:16 warning notes',
      '02-content.md:27 error link',
      '02-content.md:35 error asset',
      '02-content.md:37 warning asset',
      '02-content.md:43 error duplicate-id',
      '02-content.md:53 warning script',
    ]);
    expect(bad.summary).toMatchObject({ errors: 12, warnings: 5, slides: 14, checked: 15 });
  });

  it('reports a slide taller than the deck, by how much, and names what sticks out', () => {
    const [issue] = at('overflow', LAYOUT, 12);
    expect(issue!.message).toMatch(/^content is \d+ px tall, the slide is 1080 px \(by \d+ px\)$/);
    expect(issue!.hint).toContain('<p> "Line eleven');
    expect(issue!.slide).toMatchObject({ number: 2, h: 1, v: 0, title: 'Too tall' });
  });

  it('reports an overflow that appears only at a later fragment step', () => {
    const [issue] = at('overflow', LAYOUT, 40);
    expect(issue!.message).toMatch(/^content is 2210 px wide, the slide is 1920 px \(by 290 px\) at fragment step 1 of 1$/);
    expect(issue!.step).toBe(1);
  });

  it('keeps absolutely positioned content inside the slide', () => {
    expect(at('overflow', LAYOUT, 48)[0]!.message).toBe('content reaches 60 px below the bottom edge');
  });

  it('counts a code block whose lines run off the slide', () => {
    expect(at('overflow', LAYOUT, 56)[0]!.message).toMatch(/^content is \d+ px tall, the slide is 1080 px/);
  });

  it('reports a box whose content scrolls out of sight', () => {
    expect(at('overflow', LAYOUT, 89)[0]!.message).toMatch(
      /^<div> "First of several.*" scrolls: its content is \d+ px tall, the box shows 200 px \(by \d+ px\)$/,
    );
  });

  it('reports text below 18 px on a 1920×1080 deck', () => {
    expect(at('small-text', LAYOUT, 102)[0]!.message).toBe('"Fine print nobody at the back can read" is 12 px, below the 18 px minimum');
  });

  it('reports low-contrast text, but not text a fragment dims on purpose', () => {
    const found = at('contrast', LAYOUT, 110);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^"Dark grey text on the ink background" is #3a3f45 on #0c1117, 1\.\d\d:1, below WCAG AA 3:1$/);
  });

  it('requires alt text on images and a <title> on inline SVG', () => {
    expect(at('alt', CONTENT, 3)[0]!.message).toBe('image `chip.svg` has no alt text');
    expect(at('svg-title', CONTENT, 11)[0]!.message).toBe('<svg> has no <title>');
  });

  it('warns about a slide without speaker notes', () => {
    expect(at('notes', CONTENT, 16)[0]).toMatchObject({ severity: 'warning', slide: { number: 11, h: 8, v: 2 } });
  });

  it('reports a link to a slide that does not exist, and only that one', () => {
    expect(bad.issues.filter((i) => i.rule === 'link').map((i) => i.message)).toEqual(['`#/9` points to no slide or element']);
  });

  it('reports a missing asset at the line that loads it, and warns about one from another host', () => {
    expect(at('asset', CONTENT, 35)[0]!.message).toBe('`/nope.png` failed to load (HTTP 404)');
    expect(at('asset', CONTENT, 37)[0]!.message).toBe('`https://example.com/remote.png` is loaded from another host; the deck will not present offline');
  });

  it('reports a duplicate slide id where it is used the second time', () => {
    expect(at('duplicate-id', CONTENT, 43)[0]!.message).toBe(`id \`twice\` is already used on slide 12 (${CONTENT}:22)`);
  });

  it('warns about a <script> in a slide', () => {
    expect(at('script', CONTENT, 53)[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining("console.log('hello from a slide')") });
  });

  it('passes the compiler warnings through: a source that is never cited', () => {
    expect(at('source', `${FIX}/bad/sources.yaml`, 5)[0]!.message).toBe('source `never-cited` is never cited');
  });
});

describe('chokepoint check', () => {
  it('passes a clean deck (charts, code, image, vertical slides, links, sources) with exit 0', () => {
    const run = runs.clean;
    expect(run.stdout).toMatch(/^0 errors, 0 warnings \(6 slides checked in \d+\.\d s\)$/);
    expect(run.code).toBe(0);
  });

  it('scales the minimum text size and the slide box to the deck size', () => {
    const run = runs.small;
    const { issues } = JSON.parse(run.stdout) as { issues: CheckIssue[] };
    expect(issues.map((i) => `${i.line} ${i.rule}: ${i.message}`)).toEqual([
      expect.stringMatching(/^13 overflow: content is \d+ px tall, the slide is 720 px \(by \d+ px\)$/),
      '13 small-text: "Ten pixels is 15 on a 1920 by 1080 scre…" is 10 px, below the 12 px minimum for a 1280×720 slide (18 px at 1920×1080)',
    ]);
  });

  it('stops at compile errors, such as an unknown source, with exit 1', () => {
    const run = runs.unknown;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${FIX}/unknown-source/deck.md:3: unknown source \`no-such-source\``);
    expect(run.stdout).toMatch(/1 error, 0 warnings \(no slide checked: the deck does not compile\)$/);
  });

  it('exits 2 on a bad option', async () => {
    expect((await check(`${FIX}/clean`, '--jsno')).code).toBe(2);
  });

  it('warns (density) about a slide with more body words than maxWords, not counting title, citation, chart, code, notes or the generated source list', () => {
    const { issues, summary } = JSON.parse(runs.density.stdout) as { issues: CheckIssue[]; summary: CheckSummary };
    expect(runs.density.code).toBe(0);
    expect(issues).toEqual([
      expect.objectContaining({
        file: `${FIX}/density/deck.md`,
        line: 6,
        severity: 'warning',
        rule: 'density',
        message: 'slide 1 has 11 words of body, more than the 10 that `maxWords` allows',
      }),
    ]);
    expect(summary).toMatchObject({ errors: 0, warnings: 1 });
  });

  it('prints file:line findings grouped by slide from the command line, and exits 1', () => {
    const run = runs.spawned;
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContain(`${LAYOUT}:12: overflow: content is 1235 px tall, the slide is 1080 px (by 215 px) [slide 2 "Too tall"]`);
    expect(lines).toContain(`${CONTENT}:16: warning: notes: the slide has no speaker notes [slide 11 "No notes here"]`);
    expect(lines).toContain(`${LAYOUT}:12: warning: density: slide 2 has 132 words of body, more than the 60 that \`maxWords\` allows [slide 2 "Too tall"]`);
    expect(lines.at(-1)).toMatch(/^12 errors, 5 warnings in 14 slides \(15 slides checked in \d+\.\d s\)$/);
  });
});

describe('contrast arithmetic (WCAG 2)', () => {
  it('gives 21:1 for black on white and 4.48:1 for #777 on white', () => {
    expect(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5);
    expect(contrastRatio([0x77, 0x77, 0x77, 1], [255, 255, 255, 1])).toBeCloseTo(4.48, 2);
  });

  it('blends translucent text and backgrounds before comparing', () => {
    expect(flatten([[0, 0, 0, 0.5]])).toEqual([127.5, 127.5, 127.5, 1]);
    expect(contrastRatio([255, 255, 255, 1], [0, 0, 0, 1], 0)).toBeCloseTo(1, 5);
  });
});
