import { z } from "zod";
import { type EnvSource, parseEnv, wholeNumber } from "@/lib/env";

// The worker process's own settings from the environment (README, "Replays"): its database
// connections and how often it refreshes the rollups and syncs failure issues.
const schema = z.object({
  REPLAY_WORKER_POOL_SIZE: wholeNumber(1).default(10),
  ROLLUP_REFRESH_MS: wholeNumber(1).default(500),
  ISSUE_SYNC_MS: wholeNumber(1).default(2_000),
});

export interface WorkerSettings {
  poolSize: number;
  rollupRefreshMs: number;
  issueSyncMs: number;
}

export function workerSettings(env: EnvSource = process.env): WorkerSettings {
  const s = parseEnv(schema, env);
  return { poolSize: s.REPLAY_WORKER_POOL_SIZE, rollupRefreshMs: s.ROLLUP_REFRESH_MS, issueSyncMs: s.ISSUE_SYNC_MS };
}
