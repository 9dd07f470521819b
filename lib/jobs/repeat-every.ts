// A worker loop: run `work` every `intervalMs`, one run at a time (the next waits for the
// previous to end), each result or error handed on, never stopping on a failed run.
// stop() waits for the run in progress, so the pool can be closed after it.
export interface Repeating {
  stop(): Promise<void>;
}

export function repeatEvery<T>(
  intervalMs: number,
  work: () => Promise<T>,
  onResult?: (r: T) => void,
  onError?: (e: unknown) => void,
): Repeating {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = work()
      .then(
        (r) => onResult?.(r),
        (e: unknown) => onError?.(e),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
