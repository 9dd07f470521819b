import { randomUUID } from "node:crypto";
import { getLogger, type Logger } from "@/lib/telemetry/logger";

// One run of background work (a replay delivery job, a rollup fold, an alert evaluation,
// an issue sync): its own id on every log line it writes, so one run's lines can be found
// among many workers' interleaved output.
export interface JobRun {
  job: string;
  runId: string;
  log: Logger;
}

export function startJobRun(job: string, fields: Record<string, unknown> = {}): JobRun {
  const runId = randomUUID();
  return { job, runId, log: getLogger().child({ job, runId, ...fields }) };
}
