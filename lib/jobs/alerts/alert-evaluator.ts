import type { Pool } from "pg";
import type { JobRun } from "../job-run";
import { recordJobRun } from "../record-job-run";
import { type Repeating, repeatEvery } from "../repeat-every";
import { type EvaluationResult, evaluateAlerts } from "./evaluate-alerts";

// The worker's alert loop: evaluate every `intervalMs` (ALERT_EVALUATION_MS); an error is
// reported and never stops the loop or the worker.
export function startAlertEvaluator(
  pool: Pool,
  opts: {
    intervalMs: number;
    publicUrl: string;
    onError?: (error: unknown, run: JobRun) => void;
    onResult?: (r: EvaluationResult) => void;
  },
): Repeating {
  return repeatEvery(
    "alert_evaluation",
    opts.intervalMs,
    (run) => recordJobRun(pool, run, opts.intervalMs, () => evaluateAlerts(pool, { publicUrl: opts.publicUrl })),
    (r, run) => {
      logEvaluation(run, r);
      opts.onResult?.(r);
    },
    opts.onError,
  );
}

const TRANSITION_LINE = { fire: "alert fired", repeat: "alert repeated", recover: "alert recovered" } as const;

// A line per alert that fired, repeated or recovered, and per rule that could not be
// judged; a quiet evaluation only at debug level.
function logEvaluation(run: JobRun, r: EvaluationResult): void {
  for (const rule of r.rules) {
    if (rule.error) run.log.warn({ ruleId: rule.ruleId, error: rule.error }, "alert rule could not be evaluated");
    else if (rule.transition !== "none")
      run.log.info(
        { ruleId: rule.ruleId, transition: rule.transition, value: rule.condition?.value },
        TRANSITION_LINE[rule.transition],
      );
  }
  const fields = { evaluated: r.evaluated, rules: r.rules.length, sent: r.delivery.sent, failed: r.delivery.failed };
  if (r.delivery.failed > 0) run.log.warn(fields, "alert notifications failed to send");
  else run.log.debug(fields, "alerts evaluated");
}
