import type { RevealApi } from 'reveal.js';
import { parseStateMessage, stateMessage, type DeckState } from '../present/protocol.ts';
import { stateOf } from './messages.ts';
import { notice } from './notice.ts';

/**
 * The `present` server's sync channel. The presenter page writes the deck state on the control channel
 * (with the token it took from its address, or after a reload the server's cookie); audience pages read
 * it from the sync channel and cannot write. Both get the current state on connecting, so a late joiner
 * lands on the current slide.
 */
export function connectSync(role: 'audience' | 'presenter', onState: (state: DeckState | null) => void, token = ''): { send(state: DeckState): void } {
  const url = new URL(role === 'presenter' ? 'control' : 'sync', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = role === 'presenter' && token ? `?token=${encodeURIComponent(token)}` : '';
  url.hash = '';
  let socket: WebSocket | undefined;
  let last: string | undefined;
  let lost = false;
  const open = () => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      if (lost) document.getElementById('sync-notice')?.remove();
      lost = false;
      if (last && role === 'presenter') socket!.send(last);
    });
    socket.addEventListener('message', (event) => {
      const state = parseStateMessage(String(event.data));
      // Not a state message: ignore.
      if (state !== undefined) onState(state);
    });
    socket.addEventListener('close', () => {
      lost = true;
      notice(
        role === 'presenter' ? 'Lost the connection to `chokepoint present`; retrying… (is it still running?)' : 'Lost the presenter’s connection; retrying…',
        'sync-notice',
      );
      setTimeout(open, 1000);
    });
  };
  open();
  return {
    send(state) {
      last = stateMessage(state);
      if (socket?.readyState === WebSocket.OPEN) socket.send(last);
    },
  };
}

/**
 * The presenter token from the page's address, which the page then leaves (history.replaceState): no
 * frame, bookmark, history entry or screenshot shows it afterwards. It stays in this page's memory; a
 * reload gets in with the HttpOnly cookie the server set, which no script can read.
 */
export function takeToken(): string {
  const url = new URL(location.href);
  const token = url.searchParams.get('token') ?? '';
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.href);
  }
  return token;
}

/**
 * Reveal settings for an audience page of `present`: it moves only when the presenter does. No keys (but
 * `f`, for full screen), no swipes, arrows, overview, help, jump or hash edits; and with no controls,
 * reveal's pause overlay is plain black, without its "Resume presentation" button.
 */
export const AUDIENCE_OPTIONS = {
  controls: false,
  touch: false,
  overview: false,
  help: false,
  jumpToSlide: false,
  mouseWheel: false,
  respondToHashChanges: false,
  previewLinks: false,
  autoSlide: 0,
  keyboardCondition: (event: KeyboardEvent) => event.key === 'f' || event.key === 'F',
} as const;

/** An audience page: goes wherever the presenter goes, blank screen included. */
export function followPresenter(reveal: RevealApi): void {
  connectSync('audience', (state) => {
    if (!state) return;
    const now = stateOf(reveal);
    if (now.h !== state.h || now.v !== state.v || now.f !== state.f) reveal.slide(state.h, state.v, state.f);
    if (reveal.isPaused() !== state.paused) reveal.togglePause(state.paused);
  });
}
