import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { DeckIssue } from '../compile/errors.ts';
import { renderPage } from '../compile/page.ts';
import type { Deck } from '../compile/types.ts';
import { compileInput } from './compile.ts';
import { rewriteCssUrls } from './css-assets.ts';
import { displayPath } from './load.ts';
import { runtimeBundle } from './runtime-bundle.ts';

export interface BuildResult {
  deck: Deck;
  /** Errors stop the build; warnings do not. */
  ok: boolean;
  outDir: string;
  files: number;
  bytes: number;
}

/** Builds the static site for the deck at `input` into `outDir`: index.html plus hashed assets. */
export async function buildDeck(input: string, outDir: string): Promise<BuildResult> {
  const assets = new Map<string, string>();
  // Stylesheets are copied with the fonts and images they name (KaTeX's fonts, a custom theme's files).
  const stylesheets = new Map<string, string>();
  const assetUrl = (path: string): string | null => {
    if (!existsSync(path) || !statSync(path).isFile()) return null;
    let url = assets.get(path);
    if (!url) {
      const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 8);
      const ext = extname(path);
      url = `assets/${basename(path, ext).replace(/[^\w.-]+/g, '-')}-${hash}${ext.toLowerCase()}`;
      assets.set(path, url);
      if (ext.toLowerCase() === '.css') stylesheets.set(url, rewriteCssUrls(readFileSync(path, 'utf8'), path, url, assetUrl));
    }
    return url;
  };
  const deck = compileInput(input, assetUrl);
  const errors = deck.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { deck, ok: false, outDir, files: 0, bytes: 0 };
  const runtime = await runtimeBundle();
  const check = outDirProblem(outDir);
  if (check) return { deck: { ...deck, issues: [...deck.issues, check] }, ok: false, outDir, files: 0, bytes: 0 };

  // Write beside the target and swap, so a failed build never leaves half a site.
  const tmp = `${outDir.replace(/[\\/]+$/, '')}.chokepoint-tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'assets'), { recursive: true });
  let bytes = 0;
  const write = (rel: string, from: string | Buffer) => {
    const to = join(tmp, rel);
    mkdirSync(dirname(to), { recursive: true });
    if (typeof from === 'string') copyFileSync(from, to); else writeFileSync(to, from);
    bytes += statSync(to).size;
  };
  for (const f of runtime.files) write(f, join(runtime.dir, f));
  for (const [path, url] of [...assets].sort()) write(url, stylesheets.has(url) ? Buffer.from(stylesheets.get(url)!) : path);
  const page = renderPage(deck, runtime);
  write('index.html', Buffer.from(page));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  return { deck, ok: true, outDir, files: runtime.files.length + assets.size + 1, bytes };
}

// Never wipe a folder that is not a previous build: `--out .` must not delete the author's work.
function outDirProblem(outDir: string): DeckIssue | undefined {
  if (!existsSync(outDir)) return undefined;
  const out = displayPath(outDir);
  if (!statSync(outDir).isDirectory()) return { file: out, line: 0, severity: 'error', message: 'the output path exists and is not a folder', hint: 'choose another --out' };
  const entries = readdirSync(outDir);
  if (entries.length === 0) return undefined;
  const index = join(outDir, 'index.html');
  const ours = existsSync(index) && readFileSync(index, 'utf8').includes('<meta name="generator" content="Chokepoint">');
  return ours ? undefined : { file: out, line: 0, severity: 'error', message: 'the output folder is not empty and is not a Chokepoint build; refusing to replace it', hint: 'choose an empty or new folder with --out' };
}
