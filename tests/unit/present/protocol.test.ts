import { describe, expect, it } from 'vitest';
import { parseStateMessage, stateMessage } from '../../../src/present/protocol.ts';

describe('the presenter protocol', () => {
  it('round-trips a deck state and the null of "nobody moved yet"', () => {
    const state = { h: 3, v: 1, f: -1, paused: true };
    expect(parseStateMessage(stateMessage(state))).toEqual(state);
    expect(parseStateMessage(stateMessage(null))).toBeNull();
  });

  it('drops extra fields', () => {
    expect(parseStateMessage(JSON.stringify({ type: 'state', state: { h: 1, v: 0, f: 2, paused: false, evil: '<script>' }, x: 1 }))).toEqual({
      h: 1,
      v: 0,
      f: 2,
      paused: false,
    });
  });

  it.each([
    ['not JSON', '{'],
    ['another type', JSON.stringify({ type: 'hello', state: { h: 0, v: 0, f: -1, paused: false } })],
    ['no state', JSON.stringify({ type: 'state' })],
    ['a negative slide', JSON.stringify({ type: 'state', state: { h: -1, v: 0, f: -1, paused: false } })],
    ['a fragment below -1', JSON.stringify({ type: 'state', state: { h: 0, v: 0, f: -2, paused: false } })],
    ['a fractional index', JSON.stringify({ type: 'state', state: { h: 1.5, v: 0, f: -1, paused: false } })],
    ['an index past 100,000', JSON.stringify({ type: 'state', state: { h: 100_000, v: 0, f: -1, paused: false } })],
    ['a string index', JSON.stringify({ type: 'state', state: { h: '1', v: 0, f: -1, paused: false } })],
    ['a pause that is not a boolean', JSON.stringify({ type: 'state', state: { h: 0, v: 0, f: -1, paused: 1 } })],
    ['an array', '[1, 2]'],
    ['null', 'null'],
  ])('refuses %s', (_, text) => {
    expect(parseStateMessage(text)).toBeUndefined();
  });
});
