import type { Duplex } from 'node:stream';
import { createLogger, type Logger, type Plugin } from 'vite';
import { originAllowed, refuseUpgrade } from '../browser/host-check.ts';

// Vite's own: hot reload, and the ping its client sends to see whether the server is back.
const VITE_PROTOCOLS = new Set(['vite-hmr', 'vite-ping']);
/** Largest message a page may send on the hot-reload socket: Vite's client sends a few hundred bytes. */
export const DEV_MAX_PAYLOAD = 64 * 1024;

/**
 * A gate in front of Vite's hot-reload WebSocket, the only one `dev` has. Vite checks the `Host` and, when
 * there is an `Origin`, a token its client script carries; but any page on another localhost port may load
 * that script. Here a handshake must come from a page of this very origin, speak Vite's protocol (other
 * upgrades would hang unanswered), and find a place among `maxClients`. A message over DEV_MAX_PAYLOAD
 * closes its socket (1009); Vite would take 100 MiB.
 */
export function devSockets(maxClients = 2000): Plugin {
  return {
    name: 'chokepoint:sockets',
    configureServer(server) {
      // Vite's socket server emits 'headers' on each handshake, before it reads the socket's first frame.
      server.ws.on('headers', function () {
        this.options.maxPayload = DEV_MAX_PAYLOAD;
      });
      let open = 0;
      // First among the upgrade listeners: a refused socket is ended before Vite sees it (it then lets it go).
      server.httpServer?.prependListener('upgrade', (req, socket: Duplex) => {
        socket.on('error', () => socket.destroy());
        const protocol = String(req.headers['sec-websocket-protocol'] ?? '');
        if (!VITE_PROTOCOLS.has(protocol)) return refuseUpgrade(socket, '400 Bad Request', "400: the dev server has no WebSocket but Vite's hot reload");
        if (!originAllowed(req)) return refuseUpgrade(socket, '403 Forbidden', '403: a page from another site may not connect');
        if (open >= maxClients) return refuseUpgrade(socket, '503 Service Unavailable', `503: ${maxClients} pages are already connected to this dev server`);
        open++;
        socket.once('close', () => open--);
      });
    },
  };
}

/**
 * Vite's logger at `warn`, except that a malformed frame on the hot-reload socket (anyone on the network
 * can send one with `--host 0.0.0.0`) prints one line instead of a stack trace; Vite has already closed
 * that socket.
 */
export function devLogger(): Logger {
  const logger = createLogger('warn');
  const error = logger.error.bind(logger);
  logger.error = (msg, options) => {
    if (/ws error:/.test(msg))
      return error(
        `dev: a WebSocket client sent a malformed frame and was disconnected (${/(Invalid WebSocket frame: [^\n]*|Max payload size exceeded)/.exec(msg)?.[1] ?? 'bad frame'})`,
        { timestamp: true },
      );
    error(msg, options);
  };
  return logger;
}
