import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../unit/helpers.ts';

const run = promisify(execFile);
const tmp = tempDir('chokepoint-pack-');
afterAll(() => tmp.remove());

// The real thing: `npm pack` this repository, install the tarball into an empty project, and run the CLI
// there. Dependencies come from the registry (or npm's cache), exactly as for a user.
describe('the npm package', () => {
  it('packs lib/, assets and bin, installs into an empty folder, and there scaffolds, builds and checks a deck', async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', tmp.path], { maxBuffer: 1 << 24 });
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    for (const need of ['bin/chokepoint.js', 'lib/cli.js', 'lib/compile/math.js', 'src/runtime/main.ts', 'assets/theme/index.css', 'assets/theme/light.css', 'assets/fonts/inter-latin-400-normal.woff2', 'assets/starter/deck.md']) {
      expect(paths, need).toContain(need);
    }
    expect(paths.some((p) => p.startsWith('tests/') || p.startsWith('slides/') || p.startsWith('node_modules/'))).toBe(false);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).private).toBeUndefined();

    const project = join(tmp.path, 'my-talk');
    await run('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), '{ "name": "my-talk", "private": true }\n');
    await run('npm', ['install', '-D', join(tmp.path, info!.filename), '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project, maxBuffer: 1 << 24 });
    const npx = (...args: string[]) => run('npx', ['--no-install', 'chokepoint', ...args], { cwd: project, maxBuffer: 1 << 24 });

    expect((await npx('new', 'deck')).stdout).toContain('Wrote a starter deck');
    const built = await npx('build', 'deck');
    expect(built.stdout).toMatch(/Built 8 slides into dist\//);
    const assets = readdirSync(join(project, 'dist/assets'));
    expect(existsSync(join(project, 'dist/index.html'))).toBe(true);
    expect(assets.some((f) => f.startsWith('KaTeX_Main-Regular') && f.endsWith('.woff2'))).toBe(true);
    const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(project, 'dist/assets', f), 'utf8')).join('\n');
    expect(/katex|mermaid/i.test(js), 'KaTeX or Mermaid code in the built JS').toBe(false);
    // The starter deck passes check (real Chromium) in the installed package.
    const checked = await npx('check', 'deck');
    expect(checked.stdout).toMatch(/^0 errors, 0 warnings/m);
  }, 600_000);
});
