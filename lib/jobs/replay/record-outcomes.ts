import type { Pool } from "pg";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { appendReplayEvents, type ReplayEvent } from "@/lib/services/replay/replay-events";
import type { DeliveryOutcome } from "./deliver-one";
import type { LeasedReplay } from "./lease-replays";
import { backoffMs, type ReplaySettings } from "./replay-settings";

// Records a batch of delivery attempts in one DB transaction: the replay rows, the steps
// on each transaction's trace (and so its derived status), and the audit rows. An accepted
// replay is a step too ("delivered" to the replay endpoint): it keeps the transaction
// `replaying` until the target reports the outcome through ingest, restarts its stuck
// clock, and puts an earlier refused attempt of the same replay into the history
// (lib/domain/derive-transaction.ts). The rest release the claim: resolved (already
// posted), failed (refused), retrying, dead-lettered.

export interface Attempt {
  replay: LeasedReplay;
  outcome: DeliveryOutcome;
}

type Row = {
  id: string;
  status: string;
  http: number | null;
  message: string | null;
  document: string | null;
  delayMs: number | null;
};

export async function recordOutcomes(pool: Pool, attempts: Attempt[], settings: ReplaySettings): Promise<void> {
  if (attempts.length === 0) return;
  const rows: Row[] = [];
  const events: ReplayEvent[] = [];
  for (const { replay: r, outcome: o } of attempts) {
    const step = (stage: ReplayEvent["stage"], layer: ReplayEvent["layer"], extra: Partial<ReplayEvent> = {}) =>
      events.push({
        transactionId: r.transactionId,
        eventId: `crossdock:${r.id}:${stage}:${r.attempts}`,
        stage,
        layer,
        note: { replayId: r.id, attempt: r.attempts },
        ...extra,
      });
    switch (o.kind) {
      case "accepted":
        rows.push({ id: r.id, status: "accepted", http: o.httpStatus, message: null, document: null, delayMs: null });
        step("delivered", "middleware", {
          note: { replayId: r.id, attempt: r.attempts, accepted: true, httpStatus: o.httpStatus },
        });
        break;
      case "already_posted": {
        const message = `Already posted${o.documentId ? ` as ${o.documentId}` : ""} (${o.via === "record_check" ? "record check" : "the target said so"}); nothing was sent.`;
        rows.push({
          id: r.id,
          status: "already_posted",
          http: o.httpStatus,
          message,
          document: o.documentId,
          delayMs: null,
        });
        step("resolved", "target_api", {
          note: { replayId: r.id, resolution: "already_posted", documentId: o.documentId, via: o.via },
        });
        break;
      }
      case "rejected":
        rows.push({
          id: r.id,
          status: "rejected",
          http: o.httpStatus,
          message: o.message,
          document: null,
          delayMs: null,
        });
        step("failed", "middleware", {
          errorCode: "REPLAY_REJECTED",
          errorMessage: `Replay refused (HTTP ${o.httpStatus}): ${o.message}`,
          retryable: false,
        });
        break;
      case "transient":
        if (r.attempts < settings.REPLAY_MAX_ATTEMPTS) {
          const delayMs = backoffMs(r.attempts, settings);
          rows.push({ id: r.id, status: "queued", http: o.httpStatus, message: o.message, document: null, delayMs });
          step("retry_scheduled", "middleware", {
            errorCode: "REPLAY_TARGET_UNAVAILABLE",
            errorMessage: o.message,
            retryable: true,
          });
        } else {
          const message = `Gave up after ${r.attempts} attempts: ${o.message}`;
          rows.push({ id: r.id, status: "dead_lettered", http: o.httpStatus, message, document: null, delayMs: null });
          step("dead_lettered", "middleware", {
            errorCode: "REPLAY_UNDELIVERABLE",
            errorMessage: message,
            retryable: false,
          });
        }
        break;
    }
  }
  await inTransaction(pool, async (client) => {
    await client.query(
      `UPDATE replays r SET status = v.status, http_status = v.http, message = v.message, document_id = v.document, lease_until = NULL,
         next_attempt_at = CASE WHEN v.delay_ms IS NULL THEN r.next_attempt_at ELSE now() + make_interval(secs => v.delay_ms / 1000.0) END,
         finished_at = CASE WHEN v.status = 'queued' THEN NULL ELSE now() END
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[]) AS v(id, status, http, message, document, delay_ms)
       WHERE r.id = v.id AND r.status = 'delivering'`,
      [
        rows.map((x) => x.id),
        rows.map((x) => x.status),
        rows.map((x) => x.http),
        rows.map((x) => x.message),
        rows.map((x) => x.document),
        rows.map((x) => x.delayMs),
      ],
    );
    await appendReplayEvents(pool, client, events);
    // One audit row per attempt: who asked, why, where it went and what came back.
    await client.query(
      `INSERT INTO audit_log (actor, action, target_type, target_id, after)
       SELECT r.requested_by, 'replay.' || v.status, 'transaction', r.transaction_id::text,
              jsonb_build_object('replayId', r.id, 'bulkId', r.bulk_id, 'attempt', r.attempts, 'reason', r.reason, 'httpStatus', v.http, 'message', v.message)
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]) AS v(id, status, http, message) JOIN replays r ON r.id = v.id`,
      [rows.map((x) => x.id), rows.map((x) => x.status), rows.map((x) => x.http), rows.map((x) => x.message)],
    );
  });
}

// A bulk is done when none of its items is waiting or in delivery any more.
export async function finishBulkIfDone(pool: Pool, bulkId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE bulk_replays SET status = 'done', finished_at = now()
     WHERE id = $1 AND status = 'running'
       AND NOT EXISTS (SELECT 1 FROM replays WHERE bulk_id = $1 AND status IN ('pending', 'queued', 'delivering'))`,
    [bulkId],
  );
  return (rowCount ?? 0) > 0;
}
