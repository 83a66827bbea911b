/** Where an export reports what it is doing; `step` is for frequent counters a terminal can overwrite. */
export interface Progress {
  phase(text: string): void;
  step(done: number, total: number, text: string): void;
  /** Ends an overwritten line, if any. */
  end(): void;
}

/** Progress on stderr: one line per phase; counters update in place on a terminal and are skipped elsewhere. */
export function stderrProgress(command: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  let open = false;
  const close = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    phase(text) {
      close();
      stream.write(`chokepoint ${command}: ${text}\n`);
    },
    step(done, total, text) {
      if (!stream.isTTY) return;
      stream.write(`\r\x1b[2Kchokepoint ${command}: ${text} ${done}/${total}`);
      open = done < total;
      if (!open) stream.write('\n');
    },
    end: close,
  };
}

/** A progress sink that says nothing, for tests and library use. */
export const silentProgress: Progress = { phase() {}, step() {}, end() {} };

/**
 * Until the returned function is called, says every `everyMs` that `text` (or what it returns now) is still
 * going on and for how long, so a long wait inside Chromium (a 20,000-page layout or PDF) never looks like a hang.
 */
export function heartbeat(progress: Progress, text: string | (() => string), everyMs = 5000): () => void {
  const started = performance.now();
  const label = typeof text === 'string' ? () => text : text;
  const timer = setInterval(() => progress.phase(`${label()}: ${Math.round((performance.now() - started) / 1000)} s so far`), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
