import type { DeckState } from '../present/protocol.ts';

export type { DeckState };

/** What the speaker console asks a deck to do; names are Reveal's own navigation methods. */
export type Command =
  | { command: 'next' | 'prev' | 'left' | 'right' | 'up' | 'down' }
  | { command: 'goto'; h: number; v: number; f?: number }
  | { command: 'blank'; paused?: boolean };

/** Messages between a deck, its speaker console and the console's preview frames (all over postMessage). */
export type Message =
  | { chokepoint: 1; type: 'hello' }
  | { chokepoint: 1; type: 'state'; state: DeckState }
  | ({ chokepoint: 1; type: 'command' } & Command)
  | { chokepoint: 1; type: 'show'; state: DeckState; step: 0 | 1 }
  | { chokepoint: 1; type: 'ready' }
  | { chokepoint: 1; type: 'shown'; end: boolean };

type Body = Message extends infer M ? (M extends { chokepoint: 1 } ? Omit<M, 'chokepoint'> : never) : never;

/** Posts a message; a file:// page has an opaque origin, so only there the target origin is `*`. */
export function post(target: Window | null | undefined, body: Body): void {
  const origin = location.origin === 'null' || location.protocol === 'file:' ? '*' : location.origin;
  target?.postMessage({ chokepoint: 1, ...body }, origin);
}

/** Listens for our messages from one window only (the source is checked, not just the shape). */
export function listen(from: () => Window | null | undefined, handle: (m: Message, source: Window) => void): void {
  window.addEventListener('message', (event) => {
    const data = event.data as Partial<Message> | null;
    if (!data || typeof data !== 'object' || data.chokepoint !== 1 || !event.source) return;
    const expected = from();
    if (!expected || event.source !== expected) return;
    handle(data as Message, event.source as Window);
  });
}

/** Reveal's indices and pause state as a plain value. */
export function stateOf(reveal: { getIndices(): { h: number; v?: number; f?: number }; isPaused(): boolean }): DeckState {
  const { h, v, f } = reveal.getIndices();
  return { h, v: v ?? 0, f: f ?? -1, paused: reveal.isPaused() };
}

/** Runs a console command on a Reveal instance. */
export function runCommand(reveal: RevealLike, c: Command): void {
  switch (c.command) {
    case 'goto':
      reveal.slide(c.h, c.v, c.f);
      break;
    case 'blank':
      reveal.togglePause(c.paused);
      break;
    // Only Reveal's navigation methods: a message never gets to call anything else.
    default:
      if (MOVES.has(c.command)) reveal[c.command]();
  }
}

const MOVES = new Set(['next', 'prev', 'left', 'right', 'up', 'down']);

export interface RevealLike {
  slide(h: number, v?: number, f?: number): void;
  togglePause(paused?: boolean): void;
  next(): void;
  prev(): void;
  left(): void;
  right(): void;
  up(): void;
  down(): void;
}
