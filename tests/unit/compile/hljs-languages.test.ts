import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_LANGUAGES } from '../../../src/compile/hljs-languages.ts';

const ROOT = join(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
// Every language of the common set, registered into the shared core: how code was highlighted before languages loaded on demand.
const common = require('highlight.js/lib/common') as typeof import('highlight.js').default;

// Code that hands parts to embedded languages (HTML's <style> and <script>, a shell session's commands, a
// Python prompt, JavaScript's html``/css`` templates, PHP in a template, YAML with ERB), and plain samples.
// biome-ignore-start lint/suspicious/noTemplateCurlyInString: JavaScript code as data
const EMBEDDING: [lang: string, code: string][] = [
  ['html', '<!doctype html>\n<style>body { color: red; }</style>\n<script>const x = `a${1}`; if (x < 2) alert("<b>");</script>\n<p class="a">Hi &amp; bye</p>'],
  ['markdown', '# Title\n\n<div class="x">*html* inside</div>\n\n```js\nlet a = 1;\n```'],
  ['console', '$ ls -la | grep "x"\n-rw-r--r-- 1 me me 12 file\n$ echo $HOME'],
  ['pycon', '>>> def f(x):\n...     return x * 2\n>>> f(3)\n6'],
  ['js', 'const t = html`<div class="a">${x}</div>`;\nconst s = css`a { color: red; }`;\nconst q = gql`query { a }`;\nconst el = <App x={1} />;'],
  ['tsx', 'const el = <div className="a">{n}</div>;\ntype A = { a: number };'],
  ['php-template', '<ul>\n<?php foreach ($xs as $x): ?>\n  <li><?= htmlspecialchars($x) ?></li>\n<?php endforeach; ?>\n</ul>'],
  ['yml', 'name: <%= ENV["NAME"] %>\nlist:\n  - a\n  - b: 1'],
  ['perl', 'my $x = 1;\nprint "hello $x\\n";\n__END__\n% my $y = 2;'],
  ['xml', '<?xml version="1.0"?>\n<root a="1"><![CDATA[ x < y ]]><child/></root>'],
];
// biome-ignore-end lint/suspicious/noTemplateCurlyInString: JavaScript code as data
const GENERIC =
  'function f(x) {\n  // a comment\n  return "string" + 42 * x; /* block */\n}\nclass A < B; end\n<tag attr="v">text</tag>\n$var = [1, 2.5, true, null];';

function onDemand(cases: [string, string][]): string[] {
  const script = `
    const { highlighterFor } = await import(${JSON.stringify(join(ROOT, 'lib/compile/lazy-libs.js'))});
    const cases = JSON.parse(process.argv[1]);
    console.log(JSON.stringify(cases.map(([lang, code]) => highlighterFor(lang)?.highlight(code, { language: lang, ignoreIllegals: true }).value ?? null)));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as string[];
}

describe('highlight.js languages load on demand', () => {
  it('the table lists exactly the common set and its aliases', () => {
    const fromPackage = Object.fromEntries(common.listLanguages().map((name) => [name, common.getLanguage(name)!.aliases ?? []]));
    expect(COMMON_LANGUAGES).toEqual(fromPackage);
  });

  it('highlights every language and alias exactly as with the whole common set registered, embedded languages included', () => {
    const names = Object.entries(COMMON_LANGUAGES).flatMap(([name, aliases]) => [name, ...aliases]);
    const expected = (cases: [string, string][]) => cases.map(([lang, code]) => common.highlight(code, { language: lang, ignoreIllegals: true }).value);
    // Each embedding case in a fresh process, so only the languages it needs (and what they embed) are loaded.
    expect(EMBEDDING.map((c) => onDemand([c])[0])).toEqual(expected(EMBEDDING));
    const plain: [string, string][] = [...names.map((n): [string, string] => [n, GENERIC]), ['TS', 'let a: number = 1;']];
    expect(onDemand(plain)).toEqual(expected(plain));
    expect(onDemand([['rust', 'fn main() {}']])[0]).toContain('hljs-keyword');
  });

  it('a language outside the common set is not highlighted, as before', () => {
    expect(
      onDemand([
        ['haskell', 'main = print 1'],
        ['nope', 'x'],
      ]),
    ).toEqual([null, null]);
    expect(common.getLanguage('haskell')).toBeUndefined();
  });
});
