import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { runPptx } from '../../src/commands/pptx.ts';
import { silentProgress } from '../../src/browser/progress.ts';
import { xmlProblem } from '../../src/export/pptx/xml-text.ts';
import { tempDir } from './helpers.ts';
import { openPptx, part } from './pptx-tools.ts';

const tmp = tempDir('chokepoint-pptx-xml-');
afterAll(() => {
  if (!process.env.KEEP) tmp.remove();
});

/** Every XML part of the presentation and of its embedded workbooks, with its path. */
async function xmlParts(zip: JSZip, prefix = ''): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const path of Object.keys(zip.files).sort()) {
    if (/\.(xml|rels)$/.test(path)) out.push([prefix + path, await zip.file(path)!.async('string')]);
    else if (path.endsWith('.xlsx')) out.push(...(await xmlParts(await JSZip.loadAsync(await zip.file(path)!.async('uint8array')), `${prefix}${path}!`)));
  }
  return out;
}

// A vertical tab (what a paste from Word carries) in every place text enters the presentation's XML.
const VT = '\u000b';
const DECK = `---
title: "Tab\\vtitle"
author: "Ann\\vAuthor"
---

## Heading${VT}one

Body${VT}text and a form feed\f here.

![alt${VT}text](gradient.png)

Note: notes\u0001with a control

---

## A chart

\`\`\`chart
kind: column
title: "Chart\\vtitle"
data: data.csv
x: name
y: value
series: {value: "Series\\vname"}
unit: "USD\\vbn"
\`\`\`
`;

describe('pptx: characters XML cannot hold', () => {
  it('leaves them out of every part, so each part of the written file parses, and the text around them survives', async () => {
    const dir = tmp.path;
    writeFileSync(join(dir, 'deck.md'), DECK);
    writeFileSync(join(dir, 'data.csv'), `name,value\nfirst${VT}one,1\nsecond\uFFFE,2\n`);
    copyFileSync('tests/fixtures/decks/pptx/gradient.png', join(dir, 'gradient.png'));
    const lines: string[] = [];
    const out = { log: (s: string) => void lines.push(s), error: (s: string) => void lines.push(s) };
    const code = await runPptx(join(dir, 'deck.md'), { out: join(dir, 'deck.pptx') }, out, silentProgress);
    expect(code, lines.join('\n')).toBe(0);
    const zip = await openPptx(join(dir, 'deck.pptx'));
    const parts = await xmlParts(zip);
    expect(parts.length).toBeGreaterThan(20);
    const broken = parts.flatMap(([path, xml]) => {
      const p = xmlProblem(xml);
      return p ? [`${path}: ${p}`] : [];
    });
    expect(broken).toEqual([]);
    expect(await part(zip, 'docProps/core.xml')).toContain('<dc:title>Tabtitle</dc:title>');
    expect(await part(zip, 'docProps/core.xml')).toContain('<dc:creator>AnnAuthor</dc:creator>');
    const all = parts.map(([, xml]) => xml).join('\n');
    for (const text of ['Seriesname', 'firstone', 'alttext', 'noteswith a control', 'Bodytext']) expect(all.includes(text), text).toBe(true);
  }, 120_000);
});
