import { setFlagsFromString } from 'node:v8';

/**
 * Keeps this process's young generation at the size V8 starts it with (1 MB semi-spaces) instead of letting it
 * grow to 16 MB ones: an export's Node holds Playwright and talks to Chromium, and loading Playwright's 7 MB of
 * bundled code is what grew it, to memory that then stayed through page.pdf, the peak of the export. Measured at
 * 300 text slides: Node's anonymous memory at the peak 78 -> 67 MB; CPU within noise (more, smaller scavenges).
 *
 * Node starts V8 before any of our code runs, so the size limit (`--max-semi-space-size`) can no longer change;
 * the growth factor is read at each growth, and 1 means "do not grow". Starting a worker thread resets the factor
 * to V8's minimum of 2, so this must run after the build thread is up (openSession waits for it). A V8 that
 * rejects 1 keeps its own minimum: the export then only uses more memory, as before.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
