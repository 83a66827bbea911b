// `chokepoint pdf` beside Marp CLI on the same decks, alternating runs in one process so both see
// the same machine: wall time (build included), peak PSS of the whole process tree, bytes.
import { join } from 'node:path';
import { writeDeck } from './deck.mjs';
import { measurePdf } from './export.mjs';
import { marpCli, measureMarpPdf, writeMarpDeck } from './marp.mjs';
import { median } from './stats.mjs';

/** Ours and Marp's figures for each size, medians of `runs` alternating runs, plus the ratios. */
export async function measureVsMarp(tmp, sizes, runs) {
  const marp = marpCli();
  if (marp.error) return { skipped: marp.error };
  const out = {};
  for (const n of sizes) {
    const dir = join(tmp, `vs-marp-${n}`);
    writeDeck(dir, n);
    const md = join(tmp, `vs-marp-${n}.md`);
    writeMarpDeck(dir, md);
    // One unmeasured run each: the first Chromium start pays for a cold disk cache.
    await measurePdf(dir, join(tmp, `vs-ours-${n}.pdf`), 1, n);
    await measureMarpPdf(marp, md, join(tmp, `vs-marp-${n}.pdf`), 1);
    const ours = [];
    const theirs = [];
    for (let i = 0; i < runs; i++) {
      ours.push((await measurePdf(dir, join(tmp, `vs-ours-${n}.pdf`), 1, n)).runs[0]);
      theirs.push((await measureMarpPdf(marp, md, join(tmp, `vs-marp-${n}.pdf`), 1))[0]);
    }
    const sum = (list) => ({
      seconds: median(list.map((r) => r.seconds)),
      cpuSeconds: median(list.map((r) => r.cpuSeconds)),
      pssMiB: median(list.map((r) => r.treePssMiB)),
      bytes: list.at(-1).bytes,
      processes: Math.max(...list.map((r) => r.processes)),
    });
    const a = sum(ours);
    const b = sum(theirs);
    out[n] = { ours: a, marp: b, ratio: { seconds: a.seconds / b.seconds, pss: a.pssMiB / b.pssMiB, bytes: a.bytes / b.bytes } };
  }
  return out;
}
