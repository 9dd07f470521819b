import type { Pool } from "pg";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";

// A bulk replay's progress and per-item results, for its page and its progress bar.
export interface BulkReplayProgress {
  id: string;
  requestedBy: string;
  reason: string;
  status: string;
  total: number;
  createdAt: Date;
  finishedAt: Date | null;
  counts: Record<string, number>; // replay status -> items
  items: {
    replayId: string;
    transactionId: string;
    externalId: string;
    status: string;
    attempts: number;
    message: string | null;
  }[];
}

// Items of sites outside `scope` are left out of the list (the counts cover the whole bulk).
export async function getBulkReplay(
  pool: Pool,
  id: string,
  itemLimit = 200,
  scope: SiteScope = ALL_SITES,
): Promise<BulkReplayProgress | null> {
  const { rows } = await pool.query<{
    id: string;
    requested_by: string;
    reason: string;
    status: string;
    total: number;
    created_at: Date;
    finished_at: Date | null;
  }>("SELECT id, requested_by, reason, status, total, created_at, finished_at FROM bulk_replays WHERE id = $1", [id]);
  const b = rows[0];
  if (!b) return null;
  const counts = await pool.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM replays WHERE bulk_id = $1 GROUP BY status",
    [id],
  );
  const items = await pool.query<{
    id: string;
    transaction_id: string;
    external_id: string;
    status: string;
    attempts: number;
    message: string | null;
  }>(
    `SELECT r.id, r.transaction_id, t.external_id, r.status, r.attempts, r.message FROM replays r JOIN transactions t ON t.id = r.transaction_id
     LEFT JOIN sites s ON s.id = t.site_id
     WHERE r.bulk_id = $1 AND ($3::text[] IS NULL OR s.code = ANY($3::text[]))
     ORDER BY (r.status IN ('rejected', 'dead_lettered')) DESC, r.created_at, r.id LIMIT $2`,
    [id, itemLimit, scope.kind === "all" ? null : scope.sites],
  );
  return {
    id: b.id,
    requestedBy: b.requested_by,
    reason: b.reason,
    status: b.status,
    total: b.total,
    createdAt: b.created_at,
    finishedAt: b.finished_at,
    counts: Object.fromEntries(counts.rows.map((r) => [r.status, r.n])),
    items: items.rows.map((r) => ({
      replayId: r.id,
      transactionId: r.transaction_id,
      externalId: r.external_id,
      status: r.status,
      attempts: r.attempts,
      message: r.message,
    })),
  };
}
