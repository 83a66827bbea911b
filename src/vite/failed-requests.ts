import type { Plugin } from 'vite';

/** Paths the dev page itself loads: a refusal here means a blank or broken page. */
const PAGE_PARTS = /^\/(@fs|@vite|@id|@chokepoint|src\/runtime)\//;

/**
 * A 403 or 404 on a path the page needs to start (Vite's client, the runtime, a deck asset) becomes a
 * one-line warning in the terminal: otherwise a refused client is only a blank page and a silent server.
 * Each path is reported once.
 */
export function failedRequests(): Plugin {
  return {
    name: 'chokepoint:failed-requests',
    configureServer(server) {
      const told = new Set<string>();
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split(/[?#]/)[0]!;
        // Source maps are asked for only by an open devtools, which does without them.
        if (PAGE_PARTS.test(path) && !path.endsWith('.map')) {
          res.on('finish', () => {
            if ((res.statusCode !== 403 && res.statusCode !== 404) || told.has(path) || told.size > 100) return;
            told.add(path);
            server.config.logger.warn(`chokepoint dev: ${res.statusCode} for ${path}: the page cannot load it and may be blank or incomplete`);
          });
        }
        next();
      });
    },
  };
}
