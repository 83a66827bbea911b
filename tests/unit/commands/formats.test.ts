import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../../src/cli.ts';
import type { OutFormat } from '../../../src/commands/format-table.ts';
import { EXPORT_FORMATS } from '../../../src/commands/formats.ts';
import { foreignOutProblem } from '../../../src/export/out-guard.ts';

const dir = mkdtempSync(join(tmpdir(), 'chokepoint-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the export-format table', () => {
  it('names each format once', () => {
    const names = EXPORT_FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['pdf', 'png', 'pptx']));
  });

  it.each(EXPORT_FORMATS)('$name: its command and its own flags are in the usage text', (f) => {
    expect(USAGE).toContain(`  ${f.name} [input]`.padEnd(20) + f.summary);
    for (const flag of f.flags) expect(USAGE).toMatch(new RegExp(`^  --${flag.name} +${f.name}: ${flag.help}$`, 'm'));
  });

  it.each(EXPORT_FORMATS.filter((f) => f.file))('$name: the out-guard replaces a file with its magic bytes and refuses another', (f) => {
    const name = f.name as OutFormat;
    const own = join(dir, `own.${name}`);
    writeFileSync(own, Buffer.from(`${f.file!.magic}rest of the file`, 'latin1'));
    expect(foreignOutProblem(own, name)).toBeUndefined();
    const other = join(dir, `other.${name}`);
    writeFileSync(other, 'someone else’s notes');
    expect(foreignOutProblem(other, name)).toMatchObject({
      code: `out-not-${name}`,
      message: `--out names an existing file that is not ${f.file!.a}; refusing to overwrite it`,
      hint: `choose another file name, e.g. --out ${f.defaultOut}, or add --force to replace this file`,
    });
  });
});
