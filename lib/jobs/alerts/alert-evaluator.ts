import type { Pool } from "pg";
import { recordActivity } from "../record-activity";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type EvaluationResult, evaluateAlerts } from "./evaluate-alerts";

// The worker's alert loop: evaluate every `intervalMs` (ALERT_EVALUATION_MS); an error is
// reported and never stops the loop or the worker. A completed evaluation is stamped in
// worker_activity, so health can tell when evaluations stopped.
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
    async () => {
      const result = await evaluateAlerts(pool, { publicUrl: opts.publicUrl });
      // Only the worker that judged the rules says so; health reads the stamp (issue 17).
      if (result.evaluated) await recordActivity(pool, "alert_evaluation", opts.intervalMs);
      return result;
    },
    opts.onResult,
    opts.onError,
  );
}
