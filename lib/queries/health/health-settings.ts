import { z } from "zod";
import { type EnvSource, parseEnv, wholeNumber } from "@/lib/env";

// When health calls the background work stopped or behind (README, "Production"). Read by
// the app, which judges the workers of the whole installation from the database.
const schema = z.object({
  // No heartbeat from any worker for this long: the workers are gone. Workers beat every
  // REPLAY_HEARTBEAT_MS (2 s); a minute rides out a busy database or a worker restart.
  CROSSDOCK_WORKER_STALE_MS: wholeNumber(1000).default(60_000),
  // A due replay with no delivery in progress, or a rollup fold, alert evaluation or issue
  // sync this far behind is overdue even while workers beat.
  CROSSDOCK_WORK_OVERDUE_MS: wholeNumber(1000).default(600_000),
});

export interface HealthSettings {
  workerStaleMs: number;
  workOverdueMs: number;
}

export function healthSettings(env: EnvSource = process.env): HealthSettings {
  const s = parseEnv(schema, env);
  return { workerStaleMs: s.CROSSDOCK_WORKER_STALE_MS, workOverdueMs: s.CROSSDOCK_WORK_OVERDUE_MS };
}
