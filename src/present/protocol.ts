// The presenter protocol, shared by `present`'s server (Node) and the pages it serves (browser): no
// imports, so both sides compile it as it is.

/** Where the deck is: slide indices, fragment step (-1: none shown) and whether the screen is blanked. */
export interface DeckState {
  h: number;
  v: number;
  f: number;
  paused: boolean;
}

/**
 * The one message of the sync channels: where the presenter's deck is. The server sends it on connecting
 * (`null` before anyone moved) and after each move; the presenter page sends it (never `null`) on each move.
 */
export interface StateMessage {
  type: 'state';
  state: DeckState | null;
}

/** A state message as sent on the wire. */
export const stateMessage = (state: DeckState | null): string => JSON.stringify({ type: 'state', state } satisfies StateMessage);

const index = (n: unknown, min: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= min && n < 100_000;

/** Whether a value from the wire is a deck state: whole indices in range and a boolean pause. */
export function isDeckState(s: unknown): s is DeckState {
  if (!s || typeof s !== 'object') return false;
  const { h, v, f, paused } = s as Record<string, unknown>;
  return index(h, 0) && index(v, 0) && index(f, -1) && typeof paused === 'boolean';
}

/**
 * The state a message carries: a deck state, `null` (nobody moved yet), or undefined when the text is not a
 * well-formed state message (any page may send anything). Extra fields are dropped.
 */
export function parseStateMessage(text: string): DeckState | null | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || (data as { type?: unknown }).type !== 'state') return undefined;
  const { state } = data as { state?: unknown };
  if (state === null) return null;
  if (!isDeckState(state)) return undefined;
  return { h: state.h, v: state.v, f: state.f, paused: state.paused };
}
