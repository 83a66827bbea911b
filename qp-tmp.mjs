import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const createQpdf = (await import('@neslinesli93/qpdf-wasm')).default;
const wasm = createRequire(import.meta.url).resolve('@neslinesli93/qpdf-wasm/dist/qpdf.wasm');
const q = await createQpdf({ noInitialRun: true, locateFile: () => wasm });
const args = (i, o) => ['--object-streams=generate', '--deterministic-id', '--no-warn', '--warning-exit-0', i, o];
let warm = 0;
if (process.env.WARM) { q.FS.writeFile('/w.pdf', readFileSync(process.env.WARM)); const t = performance.now(); for (let k = 0; k < Number(process.env.K ?? 1); k++) q.callMain(args('/w.pdf', '/wo.pdf')); warm = performance.now() - t; }
await new Promise((r) => setTimeout(r, 500));
q.FS.writeFile('/in.pdf', readFileSync('/tmp/vm/raw-300.pdf'));
const t = performance.now(); q.callMain(args('/in.pdf', '/out.pdf'));
console.log(process.env.WARM ?? '-', process.env.K ?? '', 'warm', Math.round(warm), 'pack', Math.round(performance.now() - t));
