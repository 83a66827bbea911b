import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../src/compile/errors.ts';
import { unsafeRegex } from '../../../src/compile/safe-regex.ts';

describe('formatIssue', () => {
  it('prints file:line: message and the hint, with control characters from data removed', () => {
    const issue = {
      file: 'd\u001b[2J.csv',
      line: 3,
      severity: 'error' as const,
      code: 'chart',
      message: 'value "\u001b[31mred\u001b[0m\u0007" is\nbad',
      hint: 'fix\rit',
    };
    expect(formatIssue(issue)).toBe('d.csv:3: value "red" is bad\n  hint: fix it');
  });

  it("labels warnings and takes check's rule and slide", () => {
    expect(formatIssue({ file: 'a.md', line: 0, severity: 'warning', code: 'notes', message: 'no notes' }, 'notes: ', ' [slide 2]')).toBe(
      'a.md: warning: notes: no notes [slide 2]',
    );
  });
});

describe('unsafeRegex', () => {
  it.each(['^---$', '^<!--s-->$', '^\\r?\\n---\\r?\\n$', '^Note:', '^\\s*---\\s*$', '^(?:---|\\*\\*\\*)$'])('accepts the separator %s', (re) => {
    expect(unsafeRegex(re)).toBeUndefined();
  });
  it.each(['^(a+)+$', '(a|ab)*c', '(\\w*)*$', '(a)\\1', '(?<x>a)\\k<x>', 'a*b*c*d*', '((a+))+'])('refuses %s', (re) => {
    expect(unsafeRegex(re)).toMatch(/repeats|backreference|unbounded/);
  });
});
