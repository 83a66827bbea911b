import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../unit/helpers.ts';

const run = promisify(execFile);
const tmp = tempDir('chokepoint-install-');
afterAll(() => tmp.remove());

// What a user sees installing the package: the tarball holds lib/ prebuilt and the README's pictures, runs
// no script of its own, and `npm i -D` of it prints no warning (no EBADENGINE from a dependency that wants
// a newer Node than the package says it runs on, no install script for npm to ask about).
describe('installing the package', () => {
  it('ships lib/ and the README pictures, and installs into an empty folder with no engine or script warning', async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp.path], { maxBuffer: 1 << 24 });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    expect(paths).toContain('lib/cli.js');
    const pictures = [...readFileSync('README.md', 'utf8').matchAll(/!\[[^\]]*\]\((assets\/[^)]+\.(?:png|svg|jpe?g))\)/g)].map((m) => m[1]!);
    expect(pictures.length).toBeGreaterThan(5);
    for (const picture of pictures) expect(paths, picture).toContain(picture);

    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts[hook], hook).toBeUndefined();

    const project = join(tmp.path, 'my-talk');
    await run('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), '{ "name": "my-talk", "private": true }\n');
    const installed = await run(
      'npm',
      ['install', '-D', join(tmp.path, info!.filename), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'warn', '--engine-strict'],
      { cwd: project, maxBuffer: 1 << 24 },
    );
    // --engine-strict: npm refuses outright if any installed package's engines exclude this Node.
    const said = `${installed.stdout}\n${installed.stderr}`;
    expect(said).not.toMatch(/EBADENGINE|Unsupported engine/i);
    expect(said).not.toMatch(/script|allowScripts/i);
    expect(said).not.toMatch(/^npm warn/im);
  }, 600_000);
});
