// `chokepoint pdf` beside Marp CLI on the same decks, alternating runs in one process so both see
// the same machine: wall time (build included), peak PSS of the whole process tree, bytes.
import { join } from 'node:path';
import { ROOT } from './build.mjs';
import { writeDeck } from './deck.mjs';
import { measurePdf } from './export.mjs';
import { marpCli, measureMarpPdf, writeMarpDeck } from './marp.mjs';
import { median } from './stats.mjs';

/** The browser `chokepoint pdf` picks on this machine (the same search as the export). */
async function ourBrowser() {
  try {
    const { findBrowser } = await import(join(ROOT, 'lib', 'browser', 'browser.js'));
    return findBrowser();
  } catch {
    return null;
  }
}

/**
 * Ours and Marp's figures for each deck ({key, n, deck: writeDeck's options, label}), medians of `runs` alternating runs, plus the ratios. Marp runs as
 * it would here (CHROME_PATH=/usr/bin/chromium, the desktop build); when our export picks another browser
 * (Chromium's headless shell), Marp also runs with that one, so the report can say how much of the gap
 * is the browser and how much is the rest.
 */
export async function measureVsMarp(tmp, decks, runs) {
  const marp = marpCli();
  if (marp.error) return { skipped: marp.error };
  const desktop = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  const ours = await ourBrowser();
  const sameBrowser = ours && ours !== desktop ? ours : null;
  const out = { browsers: { ours, marp: desktop }, decks: decks.map((d) => ({ key: d.key, slides: d.n, label: d.label })) };
  for (const { key, n, deck } of decks) {
    const dir = join(tmp, `vs-marp-${key}`);
    writeDeck(dir, n, deck);
    const md = join(tmp, `vs-marp-${key}.md`);
    writeMarpDeck(dir, md);
    // One unmeasured run each: the first Chromium start pays for a cold disk cache.
    await measurePdf(dir, join(tmp, `vs-ours-${key}.pdf`), 1, n);
    await measureMarpPdf(marp, md, join(tmp, `vs-marp-${key}.pdf`), 1);
    if (sameBrowser) await measureMarpPdf(marp, md, join(tmp, `vs-marp-same-${key}.pdf`), 1, sameBrowser);
    const mine = [];
    const theirs = [];
    const theirsSame = [];
    for (let i = 0; i < runs; i++) {
      mine.push((await measurePdf(dir, join(tmp, `vs-ours-${key}.pdf`), 1, n)).runs[0]);
      theirs.push((await measureMarpPdf(marp, md, join(tmp, `vs-marp-${key}.pdf`), 1))[0]);
      if (sameBrowser) theirsSame.push((await measureMarpPdf(marp, md, join(tmp, `vs-marp-same-${key}.pdf`), 1, sameBrowser))[0]);
    }
    const sum = (list) => ({
      seconds: median(list.map((r) => r.seconds)),
      cpuSeconds: median(list.map((r) => r.cpuSeconds)),
      pssMiB: median(list.map((r) => r.treePssMiB)),
      bytes: list.at(-1).bytes,
      processes: Math.max(...list.map((r) => r.processes)),
    });
    const a = sum(mine);
    const b = sum(theirs);
    out[key] = { slides: n, ours: a, marp: b, ratio: { seconds: a.seconds / b.seconds, pss: a.pssMiB / b.pssMiB, bytes: a.bytes / b.bytes } };
    if (sameBrowser) {
      const c = sum(theirsSame);
      out[key].marpSameBrowser = c;
      out[key].ratioSameBrowser = { seconds: a.seconds / c.seconds, pss: a.pssMiB / c.pssMiB, bytes: a.bytes / c.bytes };
    }
  }
  return out;
}
