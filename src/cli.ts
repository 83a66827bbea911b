import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXPORT_FORMATS, formatCommandUsage, formatFlagUsage, formatOptions } from './commands/formats.ts';
import type { Out } from './commands/terminal.ts';
import { packageRoot } from './node/paths.ts';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const USAGE = `Usage: chokepoint <command> [input] [options]

Commands:
  dev [input]       present with hot reload (Vite dev server); prints the URL
  build [input]     write a static site: index.html + hashed assets (--single-file: one HTML file)
  present [input]   build, serve and sync: prints an audience URL and a presenter URL (speaker console)
  preview [dir]     serve a built deck (default dist/)
${formatCommandUsage()}
  check [input]     lint the deck in Chromium: overflow at every fragment step, small text, contrast,
                    alt text, SVG titles, notes, sources, links, missing assets, duplicate ids, scripts, overlap,
                    density (words per slide, front matter maxWords)
  new <folder>      write a starter deck (every kind of slide, a chart from a CSV, sources, notes)

Input is a folder of .md files (compiled in file-name order) or one .md file; default: slides

Options:
  --single-file     build: one self-contained HTML file (default --out deck.html); opens from file://
  --out <path>      build: output folder (default dist); pdf: file (default deck.pdf); png: folder (default png);
                    pptx: file (default deck.pptx)
${formatFlagUsage()}
  --force           pdf, pptx: replace an existing --out file even if it is not a PDF / PowerPoint file;
                    png: replace files named like the images, and another deck's images in --out
  --json            check: print the findings as JSON ({issues, summary})
  --port <n>        dev, preview, present: port (default 5173 / 4173 / 4173)
  --host <name>     dev, preview, present: address to listen on (default localhost; 0.0.0.0 shares on the network)
  --allow-host <n>  dev, preview, present: also answer requests addressed to host name <n> (repeatable; .<n>
                    adds its subdomains); otherwise only IP addresses and localhost (guards against DNS rebinding)
  --max-viewers <n> present: most pages connected at once, audience and presenter (default 2000); more wait
                    with a 503 until some close
  --allow-dir <dir> build, dev, pdf, png, pptx, check: let the deck also read files from <dir> (repeatable);
                    otherwise a deck reads only files inside its own folder
  -h, --help        show this help
  -v, --version     show the version

Exit status: 0 done, 1 the deck has errors, 2 bad usage.`;

const OPTIONS = {
  out: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  ...formatOptions(),
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  'allow-dir': { type: 'string', multiple: true },
  'single-file': { type: 'boolean' },
  'max-viewers': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

/**
 * Runs one command; resolves with the exit status (long-running commands resolve once started). `warm`, when given, is called once a long-running command (`dev`) has run what it usually
 * runs: bin/bundled.js then keeps the compiled code for the next start.
 */
export async function main(argv: string[], out: Out = console, warm?: () => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    out.error(`chokepoint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, input = command === 'preview' ? 'dist' : 'slides', ...extra] = positionals;
  if (values.help || command === 'help') return (out.log(USAGE), 0);
  if (values.version) return (out.log(packageVersion()), 0);
  if (!command) return (out.error(USAGE), 2);
  if (extra.length > 0) return (out.error(`chokepoint: unexpected argument \`${extra[0]}\`\n\n${USAGE}`), 2);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536))
    return (out.error(`chokepoint: --port must be a number from 0 to 65535, not \`${values.port}\``), 2);
  if (values.out !== undefined && values.out.trim() === '') return (out.error('chokepoint: --out is empty; give a path, e.g. --out dist'), 2);
  const allow = values['allow-dir'] ?? [];
  const notDir = allow.find((d) => !isDirectory(d));
  if (notDir !== undefined) return (out.error(`chokepoint: --allow-dir \`${notDir}\` is not a folder`), 2);
  const allowHosts = values['allow-host'] ?? [];
  const badHost = allowHosts.find((h) => !/^\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/i.test(h));
  if (badHost !== undefined)
    return (out.error(`chokepoint: --allow-host \`${badHost}\` is not a host name (give a name such as mybox.lan, without port or scheme)`), 2);

  const format = EXPORT_FORMATS.find((f) => f.name === command);
  if (format) return format.run(input, { ...values, allowDirs: allow }, out);
  switch (command) {
    case 'build': {
      if (values['single-file']) return (await import('./commands/single-file.ts')).runSingleFile(input, values.out, out, allow);
      return (await import('./commands/build.ts')).runBuild(input, values.out ?? 'dist', out, allow);
    }
    case 'dev': {
      return (await import('./commands/dev.ts')).runDev(input, { port, host: values.host, allowHosts, allowDirs: allow }, out, warm);
    }
    case 'preview': {
      return (await import('./commands/preview.ts')).runPreview(input, { port, host: values.host, allowHosts }, out);
    }
    case 'present': {
      const maxViewers = values['max-viewers'] === undefined ? undefined : Number(values['max-viewers']);
      if (maxViewers !== undefined && !(Number.isInteger(maxViewers) && maxViewers >= 1 && maxViewers <= 100_000))
        return (out.error(`chokepoint: --max-viewers must be a whole number from 1 to 100000, not \`${values['max-viewers']}\``), 2);
      const { runPresent, stopOnSignal } = await import('./commands/present.ts');
      const { code, presenting } = await runPresent(input, { port, host: values.host, allowHosts, allowDirs: allow, maxViewers }, out);
      if (presenting) stopOnSignal(presenting, out);
      return code;
    }
    case 'new': {
      if (positionals.length < 2) return (out.error(`chokepoint: \`new\` needs a folder, e.g. \`chokepoint new my-talk\`\n\n${USAGE}`), 2);
      return (await import('./commands/new.ts')).runNew(input, out);
    }
    case 'check': {
      const { runCheck } = await import('./commands/check.ts');
      return runCheck(input, { json: values.json, allowDirs: allow }, out);
    }
    default:
      out.error(`chokepoint: unknown command \`${command}\`\n\n${USAGE}`);
      return 2;
  }
}

const packageVersion = () => (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};
