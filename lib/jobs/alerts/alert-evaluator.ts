import type { Pool } from "pg";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type EvaluationResult, evaluateAlerts } from "./evaluate-alerts";

// The worker's alert loop: evaluate every `intervalMs` (ALERT_EVALUATION_MS); an error is
// reported and never stops the loop or the worker.
export function startAlertEvaluator(
  pool: Pool,
  opts: {
    intervalMs: number;
    publicUrl: string;
    onError?: (error: unknown) => void;
    onResult?: (r: EvaluationResult) => void;
  },
): Repeating {
  return repeatEvery(
    opts.intervalMs,
    () => evaluateAlerts(pool, { publicUrl: opts.publicUrl }),
    opts.onResult,
    opts.onError,
  );
}
