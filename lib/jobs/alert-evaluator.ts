import type { Pool } from "pg";
import { evaluateAlerts, type EvaluationResult } from "./evaluate-alerts";

// The worker's alert loop: evaluate every `intervalMs` (ALERT_EVALUATION_MS). Runs are
// sequential; an error is reported and never stops the loop or the worker.
export function startAlertEvaluator(
  pool: Pool,
  opts: { intervalMs: number; publicUrl: string; onError?: (error: unknown) => void; onResult?: (r: EvaluationResult) => void },
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = evaluateAlerts(pool, { publicUrl: opts.publicUrl })
      .then((r) => opts.onResult?.(r), (e: unknown) => opts.onError?.(e))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs);
      });
  };
  timer = setTimeout(tick, opts.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
