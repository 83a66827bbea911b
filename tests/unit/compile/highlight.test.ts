import { describe, expect, it } from 'vitest';
import { parseCodeInfo, renderCode } from '../../../src/compile/highlight.ts';

describe('code highlighting at build time', () => {
  it('reads reveal.js line-step syntax', () => {
    expect(parseCodeInfo('ts [1-2|4]')).toEqual({ lang: 'ts', steps: ['1-2', '4'], firstLine: 1 });
    expect(parseCodeInfo('js [712: 1-2]')).toEqual({ lang: 'js', steps: ['1-2'], firstLine: 712 });
    expect(parseCodeInfo('py []')).toEqual({ lang: 'py', steps: [''], firstLine: 1 });
    expect(parseCodeInfo('rust')).toEqual({ lang: 'rust', firstLine: 1 });
  });

  it('emits highlight.js classes so no highlighter runs in the browser', () => {
    const html = renderCode('const x = 1;', 'ts');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toMatch(/^<pre class="code-wrapper"><code class="hljs language-ts">/);
  });

  it('escapes code in an unknown language', () => {
    expect(renderCode('<script>', 'nope')).toContain('&lt;script&gt;');
  });

  it('makes one code block per step, later ones as fragments, with the lines lit', () => {
    const html = renderCode('a\nb\nc\nd', 'txt [1-2|4]');
    const blocks = html.match(/<code [^>]*>/g)!;
    expect(blocks).toEqual([
      '<code class="hljs language-txt has-highlights" data-line-numbers="1-2">',
      '<code class="hljs language-txt has-highlights fragment" data-line-numbers="4">',
    ]);
    const [first, second] = html.split('</code>');
    expect(first!.match(/class="highlight-line"/g)).toHaveLength(2);
    expect(second!.match(/<tr class="highlight-line"><td[^>]*>4</)).not.toBeNull();
  });

  it('numbers lines from the given start', () => {
    expect(renderCode('a\nb', 'txt [10: 11]')).toContain('data-line-number="11">11</td>');
  });

  it('closes and reopens spans that cross lines', () => {
    const html = renderCode('/* a\nb */ x', 'js []');
    for (const row of html.match(/<td class="hljs-ln-line hljs-ln-code"[^>]*>(.*?)<\/td>/g)!) {
      expect((row.match(/<span/g) ?? []).length).toBe((row.match(/<\/span>/g) ?? []).length);
    }
  });
});
