import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.ts';
import { expect } from 'vitest';
import { compileDeck } from '../../src/compile/deck.ts';
import type { CompileHost, Deck } from '../../src/compile/types.ts';

/** A compile host over in-memory files; assets exist when listed, and get a fake hashed URL. */
export function memoryHost(files: Record<string, string>): CompileHost {
  return {
    readText: (p) => files[p] ?? null,
    assetUrl: (p) => (p in files ? `assets/${p.split('/').pop()}` : null),
  };
}

/** Compiles one Markdown text as `deck/talk.md`, with other files beside it. */
export function compileText(markdown: string, others: Record<string, string> = {}): Deck {
  const files = Object.fromEntries(Object.entries(others).map(([k, v]) => [`deck/${k}`, v]));
  return compileDeck([{ file: 'deck/talk.md', text: markdown }], memoryHost(files));
}

export const errorsOf = (deck: Deck) => deck.issues.filter((i) => i.severity === 'error');
export const warningsOf = (deck: Deck) => deck.issues.filter((i) => i.severity === 'warning');

/** Compares text with a golden file; `UPDATE_GOLDEN=1` rewrites it. */
export function expectGolden(actual: string, path: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix = 'chokepoint-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await main(argv, { log: (s) => lines.push(s), error: (s) => lines.push(s) });
  return { code, output: lines.join('\n') };
}
