import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * Which `Host` headers a server answers: the defence against DNS rebinding, where a page on an attacker's
 * site points its own name at this machine and then reads our pages as same-origin. Allowed:
 * - an IP address (`127.0.0.1:4173`, `[::1]:4173`, the LAN address `present` prints): a rebinding attack
 *   needs a name the attacker controls, never a literal address;
 * - `localhost` and `*.localhost`, which browsers resolve to loopback themselves;
 * - the name the server was told to listen on (`--host mybox.lan`), and every `--allow-host` name
 *   (`.example.lan` allows that name and its subdomains), compared without case.
 * No `Host` at all (HTTP/1.0 tools) is allowed: every browser sends one.
 */
export function hostAllowed(header: string | undefined, bound: string, allowed: readonly string[] = []): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === undefined) return false;
  if (isIP(name)) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const names = [bound, ...allowed].map((n) => n.toLowerCase().replace(/\.$/, ''));
  return names.some((n) => n === name || (n.startsWith('.') && (name === n.slice(1) || name.endsWith(n))));
}

/** The host name of a `Host` header (`name:port`, `[v6]:port`), lower case, without a final dot; undefined if malformed. */
export function hostName(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    const v6 = end < 0 ? '' : h.slice(1, end);
    return isIP(v6) === 6 && /^(:\d{1,5})?$/.test(h.slice(end + 1)) ? v6 : undefined;
  }
  const m = /^([a-z0-9_.-]+)(:\d{1,5})?$/.exec(h);
  return m ? m[1]!.replace(/\.$/, '') : undefined;
}

/** The body of the 403 for a refused `Host`: what happened and the option that allows it. */
export function hostRefusal(header: string | undefined): string {
  const name = header === undefined ? undefined : hostName(header);
  return name
    ? `403: this server does not answer to the name "${name}" (a protection against DNS rebinding). To use that name, restart with --allow-host ${name}\n`
    : '403: the Host header is not a valid host name\n';
}

/**
 * True when a WebSocket handshake comes from a page of this server: its `Origin` names the host the
 * request was addressed to. A page on another site, open in the presenter's own browser, must not listen
 * or drive; a sandboxed frame (`Origin: null`) neither. No `Origin` at all means no browser (a script, a
 * test): it is let through, since `/control` still needs the token and `/sync` only tells where the deck is.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const from = new URL(origin);
    const to = new URL(`${from.protocol}//${req.headers.host ?? ''}`);
    return (from.protocol === 'http:' || from.protocol === 'https:') && from.host === to.host;
  } catch {
    return false;
  }
}

/** Ends a handshake with an HTTP status and a one-line reason. */
export function refuseUpgrade(socket: Duplex, status: string, reason = ''): void {
  const body = reason ? `${reason}\n` : '';
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
