// Presenting figures: how fast audience pages follow the presenter on `chokepoint present` (key press in
// the presenter console to the audience deck moving, same machine, loopback), and the size of the
// `build --single-file` output for a deck.
import { join } from 'node:path';
import { ROOT } from './build.mjs';

/** Sync latency over `moves` key presses (median, p90, max ms) and the single file's bytes for `dir`. */
export async function measurePresent(browser, dir, tmp, moves = 20) {
  const { runPresent } = await import(join(ROOT, 'lib/commands/present.js'));
  const { buildSingleFile } = await import(join(ROOT, 'lib/node/single-file.js'));
  const started = performance.now();
  const single = await buildSingleFile(dir, join(tmp, 'single.html'));
  const singleSeconds = (performance.now() - started) / 1000;
  const { presenting } = await runPresent(dir, { port: 0, host: '127.0.0.1' }, { log: () => {}, error: () => {} });
  const contexts = [];
  try {
    const open = async (url, size) => {
      const context = await browser.newContext({ viewport: size });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    const presenter = await open(presenting.presenterUrl, { width: 1100, height: 700 });
    const audience = await open(presenting.audienceUrl, { width: 1280, height: 720 });
    await presenter.waitForSelector('.speaker-console[data-state]');
    await audience.waitForSelector('.reveal.ready');
    await presenter.evaluate(() =>
      document.addEventListener(
        'keydown',
        () => {
          window.pressed = Date.now();
        },
        true,
      ),
    );
    await audience.evaluate(() => {
      window.moved = [];
      for (const e of ['slidechanged', 'fragmentshown', 'fragmenthidden']) window.Reveal.on(e, () => window.moved.push(Date.now()));
    });
    const samples = [];
    for (let i = 0; i < moves; i++) {
      const before = await audience.evaluate(() => window.moved.length);
      await presenter.keyboard.press(i < moves / 2 ? 'Space' : 'Shift+Space');
      await audience.waitForFunction((n) => window.moved.length > n, before, { timeout: 10_000 });
      samples.push((await audience.evaluate(() => window.moved.at(-1))) - (await presenter.evaluate(() => window.pressed)));
    }
    // A late joiner: from opening the audience URL to showing the presenter's slide.
    const t = performance.now();
    const late = await open(presenting.audienceUrl, { width: 1280, height: 720 });
    const want = await presenter.locator('.speaker-console').getAttribute('data-state');
    await late.waitForFunction(
      (s) => {
        const i = window.Reveal?.getIndices();
        return i && `${i.h}/${i.v ?? 0}/${i.f ?? -1}` === s;
      },
      want,
      { timeout: 10_000 },
    );
    const lateJoinMs = performance.now() - t;
    samples.sort((a, b) => a - b);
    const q = (p) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
    const result = {
      syncLatencyMs: { median: q(0.5), p90: q(0.9), max: samples.at(-1), samples: samples.length },
      lateJoinMs: Math.round(lateJoinMs),
      singleFile: { bytes: single.bytes, MiB: Number((single.bytes / 1024 / 1024).toFixed(2)), seconds: Number(singleSeconds.toFixed(2)), ok: single.ok },
    };
    process.stderr.write(
      `         present: sync median ${result.syncLatencyMs.median} ms, p90 ${result.syncLatencyMs.p90} ms, max ${result.syncLatencyMs.max} ms (target ≤ 200); late join ${result.lateJoinMs} ms; single file ${result.singleFile.MiB} MiB (target ≤ 3)\n`,
    );
    return result;
  } finally {
    for (const c of contexts) await c.close();
    await presenting.stop();
  }
}
