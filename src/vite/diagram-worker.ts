import { parentPort } from 'node:worker_threads';
import { layoutDiagram } from '../compile/diagram.ts';

// Lays out diagrams for the dev server (see diagrams-off-thread.ts), one message per diagram source.
parentPort!.on('message', (key: string) => {
  let svg: string | undefined;
  try {
    svg = layoutDiagram(key);
  } catch {
    /* the compile renders it again and reports the error at its line */
  }
  parentPort!.postMessage({ key, svg });
});
