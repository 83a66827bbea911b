import { describe, expect, it } from 'vitest';
import { CONSOLE_KEYS, consoleKey, helpLine } from '../../../src/runtime/console-keys.ts';

describe('the speaker console key table', () => {
  it('gives the help line the console has always shown', () => {
    expect(helpLine()).toBe('→ ← ↓ ↑ Space move · type a number + Enter to jump · O slides · B blank');
  });

  it('lists a new named control in the help line, and finds it by key', () => {
    const mirror = { keys: ['m'], label: 'M', help: 'mirror', run: () => undefined };
    expect(helpLine([...CONSOLE_KEYS, mirror])).toMatch(/ · B blank · M mirror$/);
  });

  it('binds each key once', () => {
    const keys = CONSOLE_KEYS.flatMap((k) => k.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(consoleKey('PageDown')).toBe(consoleKey('n'));
    expect(consoleKey('Enter')).toBeUndefined();
  });

  it('moves as the deck does: Space next, Shift+Space back', () => {
    const sent: unknown[] = [];
    const a = {
      send: (c: unknown) => void sent.push(c),
      goto: () => undefined,
      toggleOverview: () => undefined,
      closeOverview: () => undefined,
      overviewOpen: () => false,
      blank: () => undefined,
    };
    consoleKey(' ')!.run(a, { shiftKey: false } as KeyboardEvent);
    consoleKey(' ')!.run(a, { shiftKey: true } as KeyboardEvent);
    consoleKey('Backspace')!.run(a, {} as KeyboardEvent);
    expect(sent).toEqual([{ command: 'next' }, { command: 'prev' }, { command: 'prev' }]);
  });
});
