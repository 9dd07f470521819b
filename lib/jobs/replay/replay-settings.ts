import { z } from "zod";
import { type EnvSource, parseEnv, wholeNumber } from "@/lib/env";

// Worker tuning from the environment (README, "Replays"). Defaults suit production; tests
// shorten the backoff and lease so restarts and dead-letters happen in seconds.
const schema = z.object({
  REPLAY_MAX_ATTEMPTS: wholeNumber(1, 50).default(6),
  REPLAY_RETRY_BASE_MS: wholeNumber(1).default(2000),
  REPLAY_RETRY_MAX_MS: wholeNumber(1).default(5 * 60_000),
  REPLAY_LEASE_GRACE_MS: wholeNumber(100).default(60_000),
  // Rows one lane leases at a time. 250 delivers faster against a fast target (bench/README.md);
  // 100 keeps answers within the timeout when the worker shares a busy machine.
  REPLAY_BATCH_SIZE: wholeNumber(1, 1000).default(100),
  REPLAY_WORKER_CONCURRENCY: wholeNumber(1, 64).default(4),
  // Batches one job delivers side by side (each leases REPLAY_BATCH_SIZE rows), so a slow
  // item does not hold up the rest of a bulk.
  REPLAY_LANES: wholeNumber(1, 32).default(4),
  REPLAY_SWEEP_MS: wholeNumber(100).default(10_000),
  // How often a worker says it is alive and re-reads how many are (lib/jobs/worker-registry.ts).
  // Give every worker the same value: each judges the others dead after three of its own.
  REPLAY_HEARTBEAT_MS: wholeNumber(50).default(2000),
});
export type ReplaySettings = z.infer<typeof schema>;

export function replaySettings(env: EnvSource = process.env): ReplaySettings {
  return parseEnv(schema, env);
}

// Exponential backoff with full jitter: many transactions failing at once against one
// target do not come back at the same instant.
export function backoffMs(
  attempt: number,
  s: Pick<ReplaySettings, "REPLAY_RETRY_BASE_MS" | "REPLAY_RETRY_MAX_MS">,
  random = Math.random,
): number {
  const ceiling = Math.min(s.REPLAY_RETRY_MAX_MS, s.REPLAY_RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
