import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommentAttributes } from '../../../src/compile/attributes.ts';
import { referenceApplyCommentAttributes } from './reference/attributes.ts';
import { runs } from '../../budget.ts';

// Well-formed pieces (the linear scanner stops where the regex version went on past an unclosed tag).
const PIECES = [
  '<p>',
  '</p>',
  '<li>',
  '</li>',
  '<ul>',
  '</ul>',
  '<img src="a.png">',
  '<br>',
  '<hr/>',
  '<a href=\'x\' title="a>b">',
  '</a>',
  '<!-- .element: class="fragment" -->',
  '<!-- .slide: data-x="1" class="s" -->',
  '<!--.element: data-y -->',
  '<!-- plain -->',
  '<script>',
  '</script>',
  '<h2 id="t">',
  '</h2>',
  'text',
  ' ',
  '  ',
  '\t',
  '\n',
  '&amp;',
  '<td>',
  '</td>',
];
const html = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));

describe('applyCommentAttributes', () => {
  it('gives exactly what the regex-based version gave, for well-formed HTML', () => {
    fc.assert(
      fc.property(html, (h) => {
        const a = applyCommentAttributes(h);
        const b = referenceApplyCommentAttributes(h);
        expect(a.html).toBe(b.html);
        expect([...a.slide]).toEqual([...b.slide]);
      }),
      { numRuns: runs(2000) },
    );
  });
});
