import type { Pool } from "pg";
import type { ReplayWait } from "@/lib/domain/replay-wait";
import { SITE_SLA_JOIN } from "./dashboard/site-sla-sql";

// The replay a transaction waits on (judged by its site's SLA): its latest replay, when the replay endpoint accepted
// it and the transaction is still replaying (the target has not confirmed it, nor has
// anything else ended it). Null otherwise. The caller has already checked the person may
// see the transaction (getTransaction, within their sites).
export async function getReplayWait(pool: Pool, transactionId: string): Promise<ReplayWait | null> {
  const { rows } = await pool.query<{
    replayed_at: Date;
    replayed_by: string;
    target: string | null;
    sla_minutes: number;
    last_event_at: Date;
  }>(
    `SELECT r.finished_at AS replayed_at, r.requested_by AS replayed_by, t.target_system AS target,
            coalesce(site_sla.sla_minutes, w.sla_minutes) AS sla_minutes, t.last_event_at
     FROM transactions t
     JOIN workflows w ON w.id = t.workflow_id
     ${SITE_SLA_JOIN.sql}
     CROSS JOIN LATERAL (
       SELECT r.status, r.finished_at, r.requested_by FROM replays r
       WHERE r.transaction_id = t.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1
     ) r
     WHERE t.id = $1 AND t.status = 'replaying' AND r.status = 'accepted' AND r.finished_at IS NOT NULL`,
    [transactionId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    replayedAt: r.replayed_at,
    replayedBy: r.replayed_by,
    target: r.target,
    slaMinutes: r.sla_minutes,
    lastEventAt: r.last_event_at,
  };
}
