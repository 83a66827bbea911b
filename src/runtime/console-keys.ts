import type { Command } from './messages.ts';

/** What a console key or button can do. */
export interface ConsoleActions {
  send(c: Command): void;
  goto(index: number): void;
  toggleOverview(): void;
  closeOverview(): void;
  overviewOpen(): boolean;
  blank(): void;
}

/** A console shortcut: the `KeyboardEvent.key` values that trigger it, and how the help line names it. */
export interface ConsoleKey {
  keys: readonly string[];
  /** The key as the help line shows it; unnamed keys work but are not listed. */
  label?: string;
  /** What it does, in the help line; keys with the same words are listed together (`→ ← ↓ ↑ Space move`). */
  help?: string;
  /** Also works while the slide picker is open. */
  inOverview?: boolean;
  /** Leaves the browser's own action too (Home and End also scroll the notes to their ends). */
  keepDefault?: boolean;
  run(a: ConsoleActions, event: KeyboardEvent): void;
}

const move = (command: 'next' | 'prev' | 'left' | 'right' | 'up' | 'down') => (a: ConsoleActions) => a.send({ command });

/**
 * Every console shortcut, in help-line order: the one table the key handler and the help line read (as
 * reveal.js' keyboard controller does). A new control is one entry here. The jump field's digits, Enter and
 * Escape are its own (they edit the field); the entry here only names them in the help line.
 */
export const CONSOLE_KEYS: readonly ConsoleKey[] = [
  { keys: ['ArrowRight'], label: '→', help: 'move', run: move('right') },
  { keys: ['ArrowLeft'], label: '←', help: 'move', run: move('left') },
  { keys: ['ArrowDown'], label: '↓', help: 'move', run: move('down') },
  { keys: ['ArrowUp'], label: '↑', help: 'move', run: move('up') },
  { keys: [' '], label: 'Space', help: 'move', run: (a, event) => a.send({ command: event.shiftKey ? 'prev' : 'next' }) },
  { keys: ['PageDown', 'n'], run: move('next') },
  { keys: ['PageUp', 'p', 'Backspace'], run: move('prev') },
  { keys: [], label: 'type a number + Enter', help: 'to jump', run: () => undefined },
  { keys: ['o', 'O'], label: 'O', help: 'slides', inOverview: true, keepDefault: true, run: (a) => a.toggleOverview() },
  { keys: ['b', 'B', '.'], label: 'B', help: 'blank', run: (a) => a.blank() },
  { keys: ['Home'], keepDefault: true, run: (a) => a.goto(0) },
  { keys: ['End'], keepDefault: true, run: (a) => a.goto(Number.MAX_SAFE_INTEGER) },
];

/** The shortcut for a key, if any. */
export const consoleKey = (key: string): ConsoleKey | undefined => CONSOLE_KEYS.find((k) => k.keys.includes(key));

/** The help line under the notes: `→ ← ↓ ↑ Space move · type a number + Enter to jump · O slides · B blank`. */
export function helpLine(keys: readonly ConsoleKey[] = CONSOLE_KEYS): string {
  const groups = new Map<string, string[]>();
  for (const k of keys) if (k.help && k.label) groups.set(k.help, [...(groups.get(k.help) ?? []), k.label]);
  return [...groups].map(([help, labels]) => `${labels.join(' ')} ${help}`).join(' · ');
}
