import type { Pool } from "pg";
import { evaluateAlerts, type EvaluationResult } from "./evaluate-alerts";
import { repeatEvery, type Repeating } from "../repeat-every";

// The worker's alert loop: evaluate every `intervalMs` (ALERT_EVALUATION_MS); an error is
// reported and never stops the loop or the worker.
export function startAlertEvaluator(
  pool: Pool,
  opts: { intervalMs: number; publicUrl: string; onError?: (error: unknown) => void; onResult?: (r: EvaluationResult) => void },
): Repeating {
  return repeatEvery(opts.intervalMs, () => evaluateAlerts(pool, { publicUrl: opts.publicUrl }), opts.onResult, opts.onError);
}
