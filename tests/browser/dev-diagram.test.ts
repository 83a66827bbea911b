import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

// Issue 20 item 7: while `dev` lays out a dense diagram (seconds), it must keep answering other requests.
// The real CLI (lib/): the layout runs on a worker thread, which a worker cannot load from the .ts sources.
const tmp = tempDir('chokepoint-dev-diagram-');
const deck = join(tmp.path, 'deck.md');
let dev: ChildProcess;
let base = '';

const diagram = (seed: number, arrows: number) => {
  const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const edges = Array.from({ length: arrows }, () => `  n${Math.floor(r() * 50)} --> n${Math.floor(r() * 50)}`);
  return `---\ntitle: Dense\n---\n\n## Dense\n\n\`\`\`mermaid\nflowchart TD\n${edges.join('\n')}\n\`\`\`\n`;
};

beforeAll(async () => {
  const newest = (dir: string): number => Math.max(...readdirSync(dir, { recursive: true }).map((f) => statSync(join(dir, String(f))).mtimeMs));
  const built = (() => {
    try {
      return statSync('lib/cli.js').mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built < newest('src')) spawnSync('npx', ['tsc', '-p', 'tsconfig.node.json']);
  writeFileSync(deck, diagram(1, 3));
  dev = spawn(process.execPath, ['bin/chokepoint.js', 'dev', tmp.path, '--port', '0']);
  base = await new Promise<string>((done, fail) => {
    let out = '';
    dev.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = / at (http:\/\/\S+?)\/? /.exec(out);
      if (m) done(m[1]!);
    });
    dev.on('exit', () => fail(new Error(`dev exited: ${out}`)));
  });
  // A first compile loads the diagram renderer in both threads.
  await (await fetch(`${base}/@id/__x00__virtual:deck`)).text();
}, 60_000);
afterAll(() => {
  dev?.kill('SIGTERM');
  tmp.remove();
});

describe('dev while a diagram is laid out', () => {
  it('answers other requests meanwhile (the layout runs on a worker thread)', async () => {
    // Timed from the save: dev starts the layout when it sees the change, before the page asks for the module.
    writeFileSync(deck, diagram(11, 58));
    const started = performance.now();
    let moduleMs: number | undefined;
    const module = new Promise((r) => setTimeout(r, 300))
      .then(() => fetch(`${base}/@id/__x00__virtual:deck?t=${Date.now()}`))
      .then(async (r) => {
        const code = await r.text();
        moduleMs = performance.now() - started;
        return code;
      });
    let worst = 0;
    let pings = 0;
    while (moduleMs === undefined) {
      const t = performance.now();
      await (await fetch(`${base}/@vite/client`)).text();
      worst = Math.max(worst, performance.now() - t);
      pings++;
      await new Promise((r) => setTimeout(r, 20));
    }
    const code = await module;
    console.log(`dense diagram: module ${moduleMs.toFixed(0)} ms, ${pings} pings meanwhile, slowest ${worst.toFixed(0)} ms`);
    expect(code, code.slice(0, 600)).toContain('<figure class=\\"diagram\\"><svg');
    // On the main thread the layout held every ping for about as long as the module took.
    expect(pings).toBeGreaterThanOrEqual(3);
    expect(worst).toBeLessThan(moduleMs / 2);
  }, 60_000);
});
