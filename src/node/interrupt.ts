/**
 * Runs `work` with SIGINT and SIGTERM turned into an abort of its signal (instead of killing the process
 * mid-copy), so it can stop between files and remove what it staged. Returns what `work` returned and the
 * exit status a shell expects after the signal (130, 143), if one came.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<{ value: T; status?: number }> {
  const stop = new AbortController();
  // A second Ctrl+C does not wait: what was staged is removed by the next build (its pid is gone by then).
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(signal === 'SIGTERM' ? 143 : 130);
    stop.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const value = await work(stop.signal);
    return { value, status: stop.signal.aborted ? (stop.signal.reason === 'SIGTERM' ? 143 : 130) : undefined };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
