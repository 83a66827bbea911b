import { describe, expect, it } from 'vitest';
import { applyCommentAttributes, parseAttributes } from '../../../src/compile/attributes.ts';

describe('attribute comments', () => {
  it('parses quoted, unquoted and bare attributes', () => {
    expect([...parseAttributes(`class="a b" data-x='1' data-y=2 data-flag`)]).toEqual([
      ['class', 'a b'],
      ['data-x', '1'],
      ['data-y', '2'],
      ['data-flag', true],
    ]);
  });

  it('moves .slide: attributes to the slide and removes the comment', () => {
    const r = applyCommentAttributes('<!-- .slide: data-background-color="#000" class="x" -->\n<h2>T</h2>');
    expect(Object.fromEntries(r.slide)).toEqual({ 'data-background-color': '#000', class: 'x' });
    expect(r.html).toBe('\n<h2>T</h2>');
  });

  it('applies .element: to the containing element when it has no previous element sibling', () => {
    const r = applyCommentAttributes('<ul>\n<li>a <!-- .element: class="fragment" --></li>\n</ul>');
    expect(r.html).toBe('<ul>\n<li class="fragment">a</li>\n</ul>');
  });

  it('applies .element: to the previous element sibling', () => {
    const r = applyCommentAttributes('<p><img src="a.png" alt="a"> <!-- .element: width="50%" --></p>');
    expect(r.html).toBe('<p><img src="a.png" alt="a" width="50%"></p>');
  });

  it('applies a block-level .element: to the block before it, skipping text', () => {
    const r = applyCommentAttributes('<p>one</p>\n<p>two</p>\n<!-- .element: class="fragment" data-fragment-index="2" -->\n');
    expect(r.html).toBe('<p>one</p>\n<p class="fragment" data-fragment-index="2">two</p>\n\n');
  });

  it('adds classes to existing ones', () => {
    const r = applyCommentAttributes('<p class="a">x <!-- .element: class="b" --></p>');
    expect(r.html).toBe('<p class="a b">x</p>');
  });

  it('gives a first .element: with no parent to the slide, as reveal.js does', () => {
    expect(Object.fromEntries(applyCommentAttributes('<!-- .element: class="x" -->').slide)).toEqual({ class: 'x' });
  });

  it('leaves other comments and escaped comments in code alone', () => {
    const html = '<!-- sources --><pre><code>&lt;!-- .element: class="x" --&gt;</code></pre>';
    expect(applyCommentAttributes(html).html).toBe(html);
  });
});
