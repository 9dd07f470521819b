import path from "node:path";
import { z } from "zod";
import { type EnvSource, parseEnv, wholeNumber } from "@/lib/env";

// The worker's retention settings from the environment (README, "Storage and retention").
// How long each kind of data is kept is not here: an admin sets it (retention_settings).
const schema = z.object({
  CROSSDOCK_DATA_DIR: z.string().default(".data"),
  CROSSDOCK_ARCHIVE_DIR: z.string().optional(),
  RETENTION_INTERVAL_MS: wholeNumber(1000).default(60 * 60 * 1000),
  PARTITION_DAYS_AHEAD: wholeNumber(1, 60).default(7),
});

export interface RetentionEnv {
  archiveDir: string;
  intervalMs: number;
  daysAhead: number;
}

export function retentionEnv(env: EnvSource = process.env): RetentionEnv {
  const s = parseEnv(schema, env);
  return {
    archiveDir: s.CROSSDOCK_ARCHIVE_DIR || path.join(s.CROSSDOCK_DATA_DIR, "archive"),
    intervalMs: s.RETENTION_INTERVAL_MS,
    daysAhead: s.PARTITION_DAYS_AHEAD,
  };
}
