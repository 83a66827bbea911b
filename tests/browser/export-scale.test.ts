import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPdf } from '../../src/commands/export.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { pdfInfo } from './export-tools.ts';
import { tempDir } from './helpers.ts';

const tmp = tempDir('chokepoint-scale-');
afterAll(() => tmp.remove());

describe('a 1,000-slide deck', () => {
  it('builds and exports to a 1,000-page PDF without a timeout', async () => {
    const dir = join(tmp.path, 'deck');
    mkdirSync(dir);
    const chart = '```chart\nkind: column\ntitle: Values\ndata:\n  - { k: a, v: 1 }\n  - { k: b, v: 2 }\nx: k\ny: v\n```';
    const slides = Array.from(
      { length: 1000 },
      (_, i) => `## Slide ${i + 1}\n\n- first point\n- second point\n${i % 10 === 0 ? `\n${chart}\n` : ''}\nNote: notes for slide ${i + 1}`,
    );
    writeFileSync(join(dir, 'deck.md'), slides.join('\n\n---\n\n'));
    const out = join(tmp.path, 'big.pdf');
    const lines: string[] = [];
    const code = await runPdf(dir, { out }, { log: (s) => void lines.push(s), error: (s) => void lines.push(s) }, silentProgress);
    expect(code, lines.join('\n')).toBe(0);
    expect(pdfInfo(out).Pages).toBe('1000');
  }, 180_000);
});
