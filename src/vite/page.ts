import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';
import { runtimeBundle, type RuntimeBundle } from '../node/runtime-bundle.ts';
import { packageRoot } from '../node/paths.ts';

const PREFIX = '/@chokepoint/runtime/';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2' };
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Slides</title>
<link rel="icon" href="data:,">
</head>
<body>
<div class="reveal"><div class="slides"></div></div>
<script type="module" src="/src/runtime/dev.ts"></script>
</body>
</html>
`;

/**
 * Serves the dev page at `/`: the prebuilt runtime bundle (the one `build` ships, so the page does not
 * wait on Vite transforming reveal.js and the theme) plus `src/runtime/dev.ts`, which takes the deck
 * from `virtual:deck`. An edit to the runtime or theme rebuilds the bundle and reloads the page.
 */
export function devPage(): Plugin {
  let runtime: Promise<RuntimeBundle>;
  return {
    name: 'chokepoint:page',
    async configureServer(server) {
      runtime = runtimeBundle();
      await runtime;
      const sources = [join(packageRoot, 'src/runtime') + sep, join(packageRoot, 'assets') + sep];
      server.watcher.on('change', (file) => {
        if (!sources.some((s) => file.startsWith(s))) return;
        runtime = runtimeBundle();
        void runtime.then(() => server.ws.send({ type: 'full-reload' }));
      });
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '/').split('?')[0]!;
        if (!path.startsWith(PREFIX)) return next();
        const { dir } = await runtime;
        const file = normalize(join(dir, path.slice(PREFIX.length)));
        if (!file.startsWith(dir) || !existsSync(file)) return next();
        res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(file).size);
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res);
      });
      return () => {
        server.middlewares.use(async (req, res, next) => {
          const path = (req.url ?? '/').split('?')[0];
          if (path !== '/' && path !== '/index.html') return next();
          const { scripts, styles } = await runtime;
          // Added after Vite's transform, which would otherwise try to resolve these as source files.
          const tags = [...styles.map((s) => `<link rel="stylesheet" href="${PREFIX}${s}">`),
            ...scripts.map((s) => `<script type="module" src="${PREFIX}${s}"></script>`)].join('\n');
          const html = (await server.transformIndexHtml(req.url ?? '/', PAGE)).replace('</head>', `${tags}\n</head>`);
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.end(html);
        });
      };
    },
  };
}
