import { describe, expect, it } from 'vitest';
import type { CheckIssue } from '../../src/check/types.ts';
import { runCli } from '../unit/helpers.ts';

const checkJson = async (input: string) => {
  const { code, output } = await runCli('check', input, '--json');
  return { code, issues: (JSON.parse(output) as { issues: CheckIssue[] }).issues };
};

describe('chokepoint check: the overlap rule', () => {
  it('reports code whose pre > code is inline (the reveal 6 bug), two texts in one place and the logo over a heading, nothing else', async () => {
    const { code, issues } = await checkJson('tests/fixtures/check/overlap');
    const overlaps = issues.filter((i) => i.rule === 'overlap');
    expect(code).toBe(1);
    expect(overlaps.map((i) => `${i.line} ${i.severity}`)).toEqual(['7 error', '17 error', '33 error']);
    expect(overlaps[0]!.message).toMatch(/<code class="hljs">.*broken over 2 lines/);
    expect(overlaps[1]!.message).toMatch(/"Second text here" is drawn over <p> "First text here"/);
    expect(overlaps[2]!.message).toMatch(/^the deck's logo overlaps <h2> "A heading so long/);
  }, 120_000);

  it('finds nothing on code blocks, stepped code and numbered code as the theme draws them', async () => {
    const { issues } = await checkJson('tests/fixtures/decks/authoring');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  }, 120_000);
});
