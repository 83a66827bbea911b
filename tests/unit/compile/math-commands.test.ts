import { describe, expect, it } from 'vitest';
import { compileText, errorsOf } from '../helpers.ts';

// Issue 20 item 10: TeX commands KaTeX gates behind `trust` printed their names in red with exit 0.
const at = (line: string) => compileText(`## T\n\nfine\n\n${line}\n`);

describe('math: commands KaTeX does not trust', () => {
  it.each(['\\htmlClass{x}{a}', '\\htmlId{x}{a}', '\\htmlStyle{color:red}{a}', '\\htmlData{a=b}{c}', '\\includegraphics{a.png}'])(
    '%s is an error at its line',
    (command) => {
      const deck = at(`text $${command}$ more`);
      expect(errorsOf(deck)).toMatchObject([
        { file: 'deck/talk.md', line: 5, code: 'math-unsupported', message: expect.stringContaining(`TeX command ${command.split('{')[0]} is not supported`) },
      ]);
    },
  );

  it('locates the command on its own line of display math', () => {
    const deck = compileText('## T\n\n$$\nx = 1 \\\\\n\\includegraphics{a.png}\n$$\n');
    expect(errorsOf(deck)).toMatchObject([{ line: 5, code: 'math-unsupported' }]);
  });

  it('\\href and \\url become links, with the same rules as Markdown links', () => {
    const html = at('$\\href{https://example.org/a}{\\pi}$ and $\\url{https://example.org/b}$').html;
    expect(errorsOf(at('$\\href{https://example.org/a}{\\pi}$'))).toEqual([]);
    expect(html).toContain('<a href="https://example.org/a"');
    expect(html).toContain('<a href="https://example.org/b"');
    expect(html).not.toContain('#cc0000');
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,x']) {
      expect(errorsOf(at(`$\\href{${url}}{a}$`))).toMatchObject([{ line: 5, code: 'unsafe-link' }]);
    }
  });

  it('clamps huge sizes and stops runaway macros with an error', () => {
    const html = at('$\\rule{100000em}{1em}$').html;
    expect(html).toContain('border-right-width:100em;');
    expect(html).not.toContain('border-right-width:100000em');
    expect(errorsOf(at('$\\def\\a{\\a\\a}\\a$'))).toMatchObject([{ line: 5, code: 'math-error', message: expect.stringContaining('Too many expansions') }]);
  });
});
