import type { Pool } from "pg";
import { inScope, type SiteScope } from "@/lib/auth/site-scope";

// One replay's progress, polled by the replay dialog about once a second until it ends.
export interface ReplayStatus {
  replayId: string;
  transactionId: string;
  status: string; // queued, delivering, accepted, already_posted, rejected, dead_lettered, ...
  done: boolean; // no more delivery attempts will be made
  attempts: number;
  httpStatus: number | null;
  message: string | null;
  transactionStatus: string; // accepted replays end here: succeeded or failed, reported by the target
}

const OPEN = ["pending", "queued", "delivering"];

export async function getReplayStatus(pool: Pool, scope: SiteScope, replayId: string): Promise<ReplayStatus | null> {
  const { rows } = await pool.query<{
    id: string;
    transaction_id: string;
    status: string;
    attempts: number;
    http_status: number | null;
    message: string | null;
    tx_status: string;
    site: string | null;
  }>(
    `SELECT r.id, r.transaction_id, r.status, r.attempts, r.http_status, r.message, t.status AS tx_status, s.code AS site
     FROM replays r JOIN transactions t ON t.id = r.transaction_id LEFT JOIN sites s ON s.id = t.site_id WHERE r.id = $1`,
    [replayId],
  );
  const r = rows[0];
  if (!r || !inScope(scope, r.site)) return null;
  return {
    replayId: r.id,
    transactionId: r.transaction_id,
    status: r.status,
    done: !OPEN.includes(r.status),
    attempts: r.attempts,
    httpStatus: r.http_status,
    message: r.message,
    transactionStatus: r.tx_status,
  };
}
