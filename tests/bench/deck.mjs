// Writes a synthetic deck for the benchmark: every slide has a heading, bullets and notes; every 10th
// slide is a column chart with inline data, every 20th (offset by 5) shows a code block.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Slides per Markdown file, so a hot update edits one file of a many-file deck, as authors do. */
export const SLIDES_PER_FILE = 10;

/**
 * The Markdown of slide `n` (1-based). `textOnly` drops charts and code (for bytes per text page);
 * `plain` is issue 25's plain text deck: a heading, five bullets and a note on every slide.
 */
export function slideMarkdown(n, { textOnly = false, plain = false } = {}) {
  const lines = [`## Slide ${n}: what the numbers say`, ''];
  if (plain) {
    lines.push(
      `- Point one of slide ${n}: shipments rose while prices held`,
      '- Point two: the supply side could not keep up with demand',
      '- Point three: lead times doubled in two quarters',
      '- Point four: buyers signed longer contracts',
      '- Point five: what changes next quarter',
    );
  } else if (!textOnly && n % 10 === 0) {
    lines.push(
      '```chart',
      'kind: column',
      `title: Quarterly revenue, series ${n / 10}`,
      'data:',
      ...['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6'].map((q, i) => `  - { quarter: ${q}, revenue: ${(10 + ((n * 7 + i * 13) % 40) + i * 1.5).toFixed(1)} }`),
      'x: quarter',
      'y: revenue',
      'format: "$.1f"',
      'unit: USD billions',
      `caption: "Made-up figures for benchmark slide ${n}."`,
      '```',
    );
  } else if (!textOnly && n % 20 === 5) {
    lines.push(
      '```ts',
      `export function slide${n}(values: number[]): number {`,
      '  let total = 0;',
      '  for (const v of values) {',
      '    if (Number.isFinite(v)) total += v; // skip gaps',
      '  }',
      `  return total / Math.max(1, values.length) + ${n};`,
      '}',
      '```',
    );
  } else {
    lines.push(
      `- Point one of slide ${n}: shipments rose while prices held`,
      '- Point two: the supply side *could not* keep up with **demand**',
      `- Point three: see \`table-${n}\` for the breakdown`,
      '- Point four: what changes next quarter',
    );
  }
  lines.push('', `Note: Speaker notes for slide ${n}. Say why this matters, then move on; about thirty seconds.`);
  return lines.join('\n');
}

/**
 * Writes a deck of `slides` slides into `dir` (replacing it): files `001.md`, `002.md`, ... of
 * SLIDES_PER_FILE slides each, front matter in the first. Returns the file paths in order.
 */
export function writeDeck(dir, slides, options = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let start = 1, f = 1; start <= slides; start += SLIDES_PER_FILE, f++) {
    const parts = [];
    for (let n = start; n < start + SLIDES_PER_FILE && n <= slides; n++) parts.push(slideMarkdown(n, options));
    const front = f === 1 ? `---\ntitle: Benchmark deck (${slides} slides)\nauthor: Chokepoint bench\n---\n\n` : '';
    const file = join(dir, `${String(f).padStart(3, '0')}.md`);
    writeFileSync(file, `${front}${parts.join('\n\n---\n\n')}\n`);
    files.push(file);
  }
  return files;
}
