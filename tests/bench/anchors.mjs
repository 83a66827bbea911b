// `chokepoint build` beside the anchors of issue 25, alternating runs in one step so all see the same
// machine: Marp CLI to HTML (`marp deck.md -o deck.html`) and reveal-md's static site
// (`reveal-md deck.md --static dir`). Both get the same slides in one Markdown file; neither starts a browser.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, deckFiles, forgetKeptSlides } from './build.mjs';
import { writeDeck } from './deck.mjs';
import { marpCli, revealMd, writeMarpDeck } from './marp.mjs';
import { run } from './proc.mjs';
import { median } from './stats.mjs';

// reveal-md's update check would start a background process that talks to the registry.
const env = { ...process.env, NO_UPDATE_NOTIFIER: '1' };

/** The deck as reveal-md reads it: one file, slides split by `---`, `Note:` blocks as they are. */
function writeRevealMdDeck(dir, file) {
  const body = deckFiles(dir)
    .map((f) => readFileSync(f, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
    .join('\n\n---\n\n');
  writeFileSync(file, `---\ntitle: Benchmark deck\n---\n\n${body}`);
}

async function timed(args, check) {
  const r = await run(process.execPath, args, { cwd: ROOT, env });
  if (r.code !== 0 || (check && !existsSync(check))) throw new Error(`${args[0].split('/').slice(-3).join('/')} failed (${r.code}): ${r.stderr || r.stdout}`);
  return { seconds: r.seconds, cpuSeconds: r.cpuSeconds };
}

/** Medians of `runs` alternating builds per deck ({key, n, deck}), with the ratio to the best anchor. */
export async function measureBuildVsAnchors(tmp, decks, runs) {
  const tools = { marp: marpCli(), revealMd: revealMd() };
  const usable = Object.entries(tools).filter(([, t]) => !t.error);
  if (usable.length === 0)
    return {
      skipped: Object.values(tools)
        .map((t) => t.error)
        .join('; '),
    };
  const out = { tools: Object.fromEntries(Object.entries(tools).map(([k, t]) => [k, t.error ? { error: t.error } : 'ok'])), decks: decks.map((d) => d.key) };
  for (const { key, n, deck } of decks) {
    const dir = join(tmp, `anchor-${key}`);
    writeDeck(dir, n, deck);
    const marpMd = join(tmp, `anchor-${key}.marp.md`);
    const revealMdFile = join(tmp, `anchor-${key}.reveal.md`);
    writeMarpDeck(dir, marpMd);
    writeRevealMdDeck(dir, revealMdFile);
    // A rebuild as an author makes it: one word of one slide changed since the last build (which kept its slides).
    const edited = deckFiles(dir)[Math.floor(deckFiles(dir).length / 2)];
    const original = readFileSync(edited, 'utf8');
    let edits = 0;
    const commands = {
      ours: () => {
        forgetKeptSlides();
        return timed([CLI, 'build', dir, '--out', join(tmp, `anchor-${key}-dist`)]);
      },
      oursRebuild: () => {
        writeFileSync(edited, original.replace(/^## (.*)$/m, `## $1 (edit ${++edits})`));
        return timed([CLI, 'build', dir, '--out', join(tmp, `anchor-${key}-dist`)]);
      },
      marp: () => timed([tools.marp.bin, '--no-stdin', marpMd, '-o', join(tmp, `anchor-${key}.html`)], join(tmp, `anchor-${key}.html`)),
      revealMd: () => {
        rmSync(join(tmp, `anchor-${key}-reveal`), { recursive: true, force: true });
        return timed([tools.revealMd.bin, revealMdFile, '--static', join(tmp, `anchor-${key}-reveal`)], join(tmp, `anchor-${key}-reveal`, 'index.html'));
      },
    };
    // The rebuild follows the first build, whose kept slides it uses.
    const names = ['ours', 'oursRebuild', ...usable.map(([k]) => k)];
    const samples = Object.fromEntries(names.map((k) => [k, []]));
    // One unmeasured round: the first start of each pays for a cold disk cache.
    for (const k of names) await commands[k]();
    for (let i = 0; i < runs; i++) for (const k of names) samples[k].push(await commands[k]());
    const sum = (list) => ({
      seconds: median(list.map((r) => r.seconds)),
      cpuSeconds: median(list.map((r) => r.cpuSeconds)),
      runs: list.map((r) => Number(r.seconds.toFixed(3))),
    });
    const r = (out[key] = { slides: n, ...Object.fromEntries(names.map((k) => [k, sum(samples[k])])) });
    const anchors = usable.map(([k]) => k);
    r.best = anchors.reduce((a, b) => (r[b].seconds < r[a].seconds ? b : a));
    r.ratio = r.ours.seconds / r[r.best].seconds;
    r.rebuildRatio = r.oursRebuild.seconds / r[r.best].seconds;
    writeFileSync(edited, original);
    r.cpuRatio = r.ours.cpuSeconds / Math.min(...anchors.map((k) => r[k].cpuSeconds));
  }
  return out;
}
