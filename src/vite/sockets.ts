import type { Logger, Plugin } from 'vite';
import { gateUpgrades } from './upgrade-gate.ts';

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
      if (server.httpServer) gateUpgrades(server.httpServer, maxClients);
    },
  };
}

/**
 * Vite's logger at `warn`, except that a malformed frame on the hot-reload socket (anyone on the network
 * can send one with `--host 0.0.0.0`) prints one line instead of a stack trace; Vite has already closed
 * that socket. `logger` is Vite's own (`createLogger('warn')`), passed in so that this module does not load
 * Vite: the bundled CLI (scripts/bundle-cli.mjs) would load it at start, before slide 1.
 */
export function devLogger(logger: Logger): Logger {
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
