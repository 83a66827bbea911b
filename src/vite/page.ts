import type { Plugin } from 'vite';

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

/** Serves the dev page at `/` (the deck itself arrives through `virtual:deck`). */
export function devPage(): Plugin {
  return {
    name: 'chokepoint:page',
    configureServer(server) {
      return () => {
        server.middlewares.use(async (req, res, next) => {
          const path = (req.url ?? '/').split('?')[0];
          if (path !== '/' && path !== '/index.html') return next();
          const html = await server.transformIndexHtml(req.url ?? '/', PAGE);
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.end(html);
        });
      };
    },
  };
}
