import { describe, expect, it } from 'vitest';
import { FENCE_HANDLERS, fenceHandler, fenceIs } from '../../../src/compile/fence-handlers.ts';
import { compileText } from '../helpers.ts';

describe('fence handlers', () => {
  it('are chosen by the first word of the info string, exactly', () => {
    expect(FENCE_HANDLERS.map((h) => h.name)).toEqual(['chart', 'mermaid']);
    expect(fenceHandler('chart')?.name).toBe('chart');
    expect(fenceHandler('chart {.wide}')?.name).toBe('chart');
    expect(fenceHandler('mermaid\tx')?.name).toBe('mermaid');
    for (const info of ['charts', 'chart-like', 'js', '', 'mermaidx', ' chart']) expect(fenceHandler(info), info).toBeUndefined();
    expect(fenceIs('chart', 'chart')).toBe(true);
    expect(fenceIs('chartx', 'chart')).toBe(false);
  });

  it('render a chart and a diagram in place of code; other fences stay code', () => {
    const deck = compileText(
      [
        '# S',
        '',
        '```chart',
        'kind: column',
        'title: T',
        'data:',
        '  - { k: a, v: 1 }',
        '  - { k: b, v: 2 }',
        'x: k',
        'y: v',
        '```',
        '',
        '```mermaid',
        'graph LR',
        '  A --> B',
        '```',
        '',
        '```charts',
        'plain text',
        '```',
      ].join('\n'),
    );
    expect(deck.issues).toEqual([]);
    expect(deck.html).toMatch(/<figure[^>]*class="chart/);
    expect(deck.html).toMatch(/<figure class="diagram"><svg[^>]*aria-labelledby="[^"]*-m0-title/);
    expect(deck.html).toContain('plain text');
  });
});
