// Probe: the callers of given functions in a .cpuprofile (self time, top stacks):
//   node tests/bench/probes/stacks.mjs FILE.cpuprofile lstat openFileHandle ...
import { readFileSync } from 'node:fs';

const [file, ...targets] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const by = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + p.timeDeltas[i] / 1000));
for (const target of targets) {
  const stacks = new Map();
  for (const [id, ms] of self) {
    if (by.get(id).callFrame.functionName !== target) continue;
    const chain = [];
    for (let c = parent.get(id); c !== undefined && chain.length < 8; c = parent.get(c)) {
      const cf = by.get(c).callFrame;
      chain.push(`${cf.functionName || '(anonymous)'}@${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`);
    }
    const k = chain.join(' < ');
    stacks.set(k, (stacks.get(k) ?? 0) + ms);
  }
  console.log(`== ${target}`);
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`${Math.round(v)} ms  ${k}`);
}
