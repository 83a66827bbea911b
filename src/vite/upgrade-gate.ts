import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { originAllowed, refuseUpgrade } from '../browser/host-check.ts';

// Vite's own: hot reload, and the ping its client sends to see whether the server is back.
const VITE_PROTOCOLS = new Set(['vite-hmr', 'vite-ping']);

/**
 * Puts the gate first among `http`'s upgrade listeners: a refused socket is ended before Vite sees it (it
 * then lets it go). With Vite behind our own server, the gate is there before Vite is.
 */
export function gateUpgrades(http: NodeJS.EventEmitter, maxClients = 2000): void {
  let open = 0;
  http.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    const protocol = String(req.headers['sec-websocket-protocol'] ?? '');
    if (!VITE_PROTOCOLS.has(protocol)) return refuseUpgrade(socket, '400 Bad Request', "400: the dev server has no WebSocket but Vite's hot reload");
    if (!originAllowed(req)) return refuseUpgrade(socket, '403 Forbidden', '403: a page from another site may not connect');
    if (open >= maxClients) return refuseUpgrade(socket, '503 Service Unavailable', `503: ${maxClients} pages are already connected to this dev server`);
    open++;
    socket.once('close', () => open--);
  });
}
