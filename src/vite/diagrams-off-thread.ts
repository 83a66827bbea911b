import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { layoutKey, primeDiagram } from '../compile/diagram.ts';

// A ```mermaid (or ~~~mermaid) fence's body, as marked hands it to the renderer.
const FENCE = /^ {0,3}(`{3,}|~{3,})mermaid\b[^\n]*\n([\s\S]*?)\n {0,3}\1[ \t]*$/gm;

let worker: Worker | undefined;
const waiting = new Map<string, ((svg: string | undefined) => void)[]>();

/**
 * Lays out, on a worker thread, the diagrams of `files` (the deck's Markdown) that the next compile would
 * lay out, and keeps them for it: a dense diagram takes seconds, and on the main thread the dev server would
 * answer nothing meanwhile. From the TypeScript sources (tests), where a worker cannot load `.ts`, it does
 * nothing and the compile lays them out itself.
 */
export async function layOutDiagrams(files: Iterable<string>): Promise<void> {
  const keys = new Set<string>();
  for (const file of files) {
    if (!/\.(md|markdown)$/i.test(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    } catch {
      continue;
    }
    for (const m of text.matchAll(FENCE)) {
      const key = layoutKey(m[2]!);
      if (key !== undefined) keys.add(key);
    }
  }
  if (keys.size === 0) return;
  const script = new URL('./diagram-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(script))) return;
  if (!worker) {
    worker = new Worker(script);
    worker.unref();
    worker.on('message', ({ key, svg }: { key: string; svg?: string }) => {
      for (const done of waiting.get(key) ?? []) done(svg);
      waiting.delete(key);
    });
    // A worker that dies leaves the layout to the compile, as from the sources.
    const reset = () => {
      worker = undefined;
      for (const list of waiting.values()) for (const done of list) done(undefined);
      waiting.clear();
    };
    worker.on('error', reset);
    worker.on('exit', reset);
  }
  await Promise.all(
    [...keys].map(
      (key) =>
        new Promise<void>((resolve) => {
          const list = waiting.get(key);
          const done = (svg: string | undefined) => {
            if (svg !== undefined) primeDiagram(key, svg);
            resolve();
          };
          if (list) list.push(done);
          else {
            waiting.set(key, [done]);
            worker!.postMessage(key);
          }
        }),
    ),
  );
}
