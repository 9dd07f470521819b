import { type JobRun, startJobRun } from "./job-run";

// A worker loop: run `work` every `intervalMs`, one run at a time (the next waits for the
// previous to end), each result or error handed on with the run (its id and logger), never
// stopping on a failed run. stop() waits for the run in progress, so the pool can be
// closed after it.
export interface Repeating {
  stop(): Promise<void>;
}

export function repeatEvery<T>(
  job: string,
  intervalMs: number,
  work: (run: JobRun) => Promise<T>,
  onResult?: (r: T, run: JobRun) => void,
  onError?: (e: unknown, run: JobRun) => void,
): Repeating {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    const run = startJobRun(job);
    running = work(run)
      .then(
        (r) => onResult?.(r, run),
        (e: unknown) => onError?.(e, run),
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
