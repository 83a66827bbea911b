import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/compile/deck.ts';
import type { Deck } from '../../../src/compile/types.ts';
import { memoryHost } from '../helpers.ts';
import { runs, FAST } from '../../budget.ts';

const compile = (text: string, files: Record<string, string> = {}): Deck => compileDeck([{ file: 'deck/t.md', text }], memoryHost(files));

/** Every issue is located, coded and one plain line; nothing escapes as a throw. */
function expectLocated(deck: Deck): void {
  for (const issue of deck.issues) {
    expect(issue.file.length).toBeGreaterThan(0);
    expect(Number.isInteger(issue.line) && issue.line >= 0).toBe(true);
    expect(issue.code, issue.message).toMatch(/^[a-z][a-z-]*$/);
    expect(issue.message).not.toMatch(/\n\s+at |Maximum call stack|Invalid string length|Please report this to marked/);
  }
}

const bomb = (depth: number) => [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...Array.from({ length: depth }, (_, i) => {
    const [from, to] = [String.fromCharCode(97 + i), String.fromCharCode(98 + i)];
    return `${to}: &${to} [${Array(9).fill(`*${from}`).join(', ')}]`;
  }),
];

// Hostile building blocks: deep nesting, long runs, YAML aliases, unclosed markup.
const nested = fc
  .tuple(fc.constantFrom('>', '> ', '- ', '1. ', '  ', '[', '![a](', '*', '**', '<div>', '<!-- '), fc.integer({ min: 1, max: 400 }))
  .map(([unit, n]) => `${unit.repeat(n)}x`);
const run = fc
  .tuple(
    fc.constantFrom(' ', '\t', '9', '<', '[', '`', '*', '_', '-', '>', '<!--', '<h1>', '<pre>', 'src="', '[@a]', '\\'),
    fc.integer({ min: 1, max: 20_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
const wrapped = fc
  .tuple(
    run,
    fc.constantFrom('```\n%\n```', '```js [%\nx\n```', '<!-- .slide: %-->', '<!-- .element: % -->', '<div>\n%\n</div>', '# %', '> %', '| % | b |\n|---|---|'),
  )
  .map(([r, shape]) => shape.replace('%', r));
const aliases = fc.integer({ min: 0, max: 8 }).map((depth) => bomb(depth));
const frontBomb = aliases.map((lines) => `---\ntitle: T\n${lines.join('\n')}\n---\n\n# S\n`);
const chartBomb = aliases.map((lines) => `# S\n\n\`\`\`chart\nkind: column\ntitle: T\n${lines.join('\n')}\ndata: *a\nx: k\ny: v\n\`\`\`\n`);
const piece = fc.oneof(nested, run, wrapped, fc.constantFrom('---', '----', 'Note:', '# T', 'text [@a]', '![i](x.png)'));
const hostile = fc.oneof(
  fc.array(piece, { minLength: 1, maxLength: 8 }).map((ps) => ps.join('\n')),
  frontBomb,
  chartBomb,
);

describe('compileDeck on hostile input', () => {
  it('never throws, and reports every problem located and coded', () => {
    const files = { 'deck/sources.yaml': 'a:\n  title: A\n  publisher: P\n  date: 2025-01-01\n', 'deck/x.png': '' };
    fc.assert(
      fc.property(hostile, (text) => {
        const started = performance.now();
        const deck = compile(text, files);
        expectLocated(deck);
        // Inputs here are at most ~100 KB: none may take seconds, as a quadratic path would.
        expect(performance.now() - started).toBeLessThan(15_000);
      }),
      { numRuns: runs(80) },
    );
  }, 600_000);
});

/** Families of input that once took quadratic time (issue 13, item 10), each built to about `size` bytes. */
const FAMILIES: Record<string, (size: number) => [string, Record<string, string>?]> = {
  'spaces in a code block, then a comment': (n) => [`# T\n\n\`\`\`\n${' '.repeat(n)}x\n\`\`\`\n<!-- x -->\n`],
  '.slide: and blanks': (n) => [`# T\n\n<!-- .slide: ${' '.repeat(n)}\n`],
  'code info js [ and blanks': (n) => [`# T\n\n\`\`\`js [${' '.repeat(n)}x\nx\n\`\`\`\n`],
  '.element: comments': (n) => [`# T\n\n${'a <!-- .element: class="x" -->\n\n'.repeat(Math.ceil(n / 34))}`],
  slides: (n) => ['# s\n\n---\n\n'.repeat(Math.ceil(n / 10))],
  'a long number in a CSV cell': (n) => [
    '# T\n\n```chart\nkind: column\ntitle: T\ndata: d.csv\nx: a\ny: b\n```\n',
    { 'deck/d.csv': `a,b\nx,${'1'.repeat(n)}x\n` },
  ],
  'unclosed tags in raw HTML': (n) => [`<div>\n${'<h1>a <pre>b <aside>c <'.repeat(Math.ceil(n / 24))}\n`],
  'links and emphasis in one paragraph': (n) => [`# T\n\n${'[a](b) *c* '.repeat(Math.ceil(n / 11))}\n`],
  citations: (n) => [`# T\n\n${'word [@a] '.repeat(Math.ceil(n / 10))}\n`, { 'deck/sources.yaml': 'a:\n  title: A\n  publisher: P\n  date: 2025-01-01\n' }],
  'nested quotes and lists, 50 deep': (n) => [
    `${`${'> '.repeat(50)}x\n\n${Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- y`).join('\n')}\n\n`.repeat(Math.ceil(n / 2700))}`,
  ],
};

/** Milliseconds per KB under which a family counts as flat whatever the ratio: 1 MB in 0.25 s. */
const FLOOR = 0.25;

describe('compile time grows linearly with input size', () => {
  // The fast tier stops at 100 KB: a quadratic path still shows there as 10x the 10 KB figure.
  const SIZES = FAST ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  it.each(Object.keys(FAMILIES))(
    `%s: time per KB stays flat from 10 KB to ${FAST ? '100 KB' : '1 MB'}`,
    (name) => {
      const measure = (size: number, under = 0): number => {
        const [text, files = {}] = FAMILIES[name]!(size);
        const bytes = text.length + Object.values(files).reduce((n, f) => n + f.length, 0);
        // The best of three runs: the machine is shared, and one slow run says little. A run already under
        // `under` settles it (the best of three could only be lower), so a linear 1 MB input is compiled once.
        let best = Infinity;
        for (let i = 0; i < 3 && !(best < under); i++) {
          const started = performance.now();
          expectLocated(compile(text, files));
          best = Math.min(best, (performance.now() - started) / (bytes / 1000));
        }
        return best;
      };
      const smaller = SIZES.slice(0, -1).map((size) => measure(size));
      // Quadratic cost would make the 1 MB figure 10× to 100× the smaller ones; allow noise, not growth. Below
      // FLOOR (1 MB in a quarter second) the cheapest inputs only show noise and V8's large-string costs.
      const bound = 4 * Math.max(...smaller, FLOOR);
      const largest = measure(SIZES.at(-1)!, bound);
      const perKb = [...smaller, largest];
      console.log(`${name}: ${perKb.map((t) => `${(t * 1000).toFixed(1)} µs/KB`).join(', ')} at ${SIZES.map((s) => `${s / 1000} KB`).join(', ')}`);
      expect(largest).toBeLessThan(bound);
    },
    600_000,
  );
});
