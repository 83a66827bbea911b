type Task = () => unknown;

/** Undo steps for an export (temp files, server, browser), run once on completion or on SIGINT/SIGTERM. */
export class Cleanup {
  #tasks: Task[] = [];
  #running: Promise<void> | undefined;

  /** Registers an undo step; steps run in reverse order of registration. */
  add(task: Task): void {
    this.#tasks.push(task);
  }

  /** Runs every step once (a second call joins the first); a step that fails or hangs (5 s) does not stop the others. */
  run(): Promise<void> {
    this.#running ??= (async () => {
      for (const task of this.#tasks.splice(0).reverse()) {
        try {
          await Promise.race([task(), new Promise((done) => setTimeout(done, 5000).unref())]);
        } catch {
          // Best effort: the rest must still run.
        }
      }
    })();
    return this.#running;
  }

  /**
   * Until the returned function is called, SIGINT and SIGTERM run the steps and exit with 130 / 143,
   * so an interrupted export leaves no temp file, server or browser behind.
   */
  trapSignals(onSignal?: (signal: NodeJS.Signals) => void): () => void {
    const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
      const handler = () => {
        release();
        onSignal?.(signal);
        void this.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      };
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    const release = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    return release;
  }
}
