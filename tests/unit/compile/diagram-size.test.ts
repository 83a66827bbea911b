import { describe, expect, it } from 'vitest';
import { diagramSizeProblem, MAX_ARROWS } from '../../../src/compile/diagram-size.ts';
import { compileText, errorsOf } from '../helpers.ts';

// Issue 20 item 7: a flowchart of 606 edges took 31 s to lay out and 871 never finished, inside build and dev.
const flowchart = (edges: number, nodes = 80) => {
  let seed = 1;
  const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return ['flowchart TD', ...Array.from({ length: edges }, () => `  n${Math.floor(r() * nodes)} --> n${Math.floor(r() * nodes)}`)];
};

describe('diagram size', () => {
  it(`counts arrows in the source: ${MAX_ARROWS} pass, one more does not`, () => {
    expect(diagramSizeProblem(flowchart(MAX_ARROWS))).toBeUndefined();
    expect(diagramSizeProblem(flowchart(MAX_ARROWS + 1))).toMatch(new RegExp(`about ${MAX_ARROWS + 1} arrows; at most ${MAX_ARROWS}`));
  });

  it('counts chains and & groups, and not the dashes or dots inside labels', () => {
    const lines = (body: string, n: number) => ['flowchart LR', ...Array.from({ length: n }, () => body)];
    expect(diagramSizeProblem(lines('a & b --> c & d', 15))).toBeUndefined();
    expect(diagramSizeProblem(lines('a & b --> c & d', 16))).toMatch(/about 64 arrows/);
    expect(diagramSizeProblem(lines('a --> b --> c', 31))).toMatch(/about 62 arrows/);
    expect(diagramSizeProblem(lines('A[Loading... -- wait] --> B("x == y")', 60))).toBeUndefined();
    expect(diagramSizeProblem(['erDiagram', ...Array.from({ length: 61 }, (_, i) => `  A${i} ||--o{ B${i} : has`)])).toMatch(/about 61 arrows/);
    expect(diagramSizeProblem(['sequenceDiagram', ...Array.from({ length: 500 }, () => '  A->>B: hi')])).toBeUndefined();
  });

  it('a 300-edge flowchart is a located error at once, not a 17 s layout', () => {
    const started = performance.now();
    const deck = compileText(`## Dense\n\ntext\n\n\`\`\`mermaid\n${flowchart(300).join('\n')}\n\`\`\`\n`);
    expect(errorsOf(deck)).toMatchObject([
      {
        file: 'deck/talk.md',
        line: 6,
        code: 'diagram-too-large',
        message: expect.stringContaining(`arrows; at most ${MAX_ARROWS} are laid out`),
        hint: expect.stringContaining('split it'),
      },
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
