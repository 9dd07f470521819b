import type { Pool, PoolClient } from "pg";
import { appendReplayEvents } from "./replay-events";
import { claimableStatuses, noOpenReplaySql } from "./replay-rules";

export interface ClaimRequest {
  replayId: string;
  transactionId: string;
}

export interface ClaimOptions {
  force: boolean;
  requestedBy: string;
  reason: string | null;
  edited: boolean;
}

// The claim: one conditional UPDATE moves the transactions into `replaying` only where
// their status still allows it. A row another request claimed first no longer matches
// (PostgreSQL re-checks the WHERE after waiting for its row lock), so of any number of
// concurrent claims exactly one wins. The replay_requested events then put the claim on
// the trace, and re-deriving from them gives the same `replaying`.
export async function claimTransactions(
  pool: Pool,
  client: PoolClient,
  requests: ClaimRequest[],
  options: ClaimOptions,
): Promise<Set<string>> {
  if (requests.length === 0) return new Set();
  const { rows } = await client.query<{ id: string }>(
    `UPDATE transactions SET status = 'replaying', updated_at = now()
     WHERE id = ANY($1::uuid[]) AND status = ANY($2::text[]) AND ${noOpenReplaySql("$3::uuid[]")}
     RETURNING id`,
    [requests.map((r) => r.transactionId), claimableStatuses(options.force), requests.map((r) => r.replayId)],
  );
  const claimed = new Set(rows.map((r) => r.id));
  await appendReplayEvents(
    pool,
    client,
    requests
      .filter((r) => claimed.has(r.transactionId))
      .map((r) => ({
        transactionId: r.transactionId,
        eventId: `crossdock:${r.replayId}:requested`,
        stage: "replay_requested" as const,
        layer: "middleware" as const,
        note: {
          replayId: r.replayId,
          requestedBy: options.requestedBy,
          reason: options.reason,
          force: options.force,
          edited: options.edited,
        },
      })),
  );
  return claimed;
}
