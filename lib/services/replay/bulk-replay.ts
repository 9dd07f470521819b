import { randomUUID } from "node:crypto";
import type { Pool } from "pg";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { mayDo, type Requester, requesterOf } from "@/lib/auth/requester";
import { withoutNul } from "@/lib/domain/plain-text";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { enqueueDelivery } from "@/lib/jobs/replay/queue";
import { inTransaction } from "@/lib/postgres/in-transaction";
import { scopeWhere, transactionFilterSchema, whereOf } from "@/lib/queries/list-transactions";
import { type AuditContext, writeAuditRow } from "../write-audit-row";
import { checkRecordsAhead } from "./check-records-ahead";
import { REPLAY_SYSTEM_SQL } from "./replay-target-of";

// Bulk replay of the transactions a list filter selects (the same filter as the
// transactions page, within the person's or the API key's sites). The items are written at confirmation;
// the worker claims and delivers them, so progress survives restarts and per-item
// results are the replay rows.

export const MAX_BULK = 50_000;
export const bulkFilterSchema = transactionFilterSchema.omit({ cursor: true, limit: true });
export const bulkReplaySchema = z.object({
  filter: bulkFilterSchema,
  reason: withoutNul(z.string().trim().min(1, "A bulk replay needs a reason.").max(2000)),
  force: z.boolean().default(false),
});
export type BulkReplayInput = z.infer<typeof bulkReplaySchema>;

interface Db {
  pool: Pool;
  prisma: PrismaClient;
}

async function matchingIds(db: Db, by: Requester, filter: BulkReplayInput["filter"]): Promise<string[]> {
  const rows = await db.prisma.transaction.findMany({
    where: { AND: [whereOf({ ...filter, cursor: undefined, limit: MAX_BULK }), scopeWhere(by.scope)] },
    select: { id: true },
    take: MAX_BULK + 1,
  });
  if (rows.length > MAX_BULK) throw new AppError(400, `More than ${MAX_BULK} transactions match; narrow the filter.`);
  return rows.map((r) => r.id);
}

export interface BulkEstimate {
  total: number;
  toReplay: number; // includes the unchecked ones
  skipped: number; // not replayable now (in progress, or final without force)
  noEndpoint: number;
  alreadyPosted: number; // the target's record check says it already holds them
  unchecked: number; // have a record check but were not asked (beyond the cap, failed, timed out)
  values: { currency: string; amount: string }[];
  targets: { system: string; count: number; ratePerSecond: number; seconds: number }[];
}

// "412 transactions, USD 1.2M; 3 already posted will be skipped; erp-cloud at most 20/s, about 25 s".
export async function estimateBulkReplay(
  db: Db,
  actor: Actor | Requester,
  input: Pick<BulkReplayInput, "filter" | "force">,
): Promise<BulkEstimate> {
  const ids = await matchingIds(db, requesterOf(actor), input.filter);
  const statuses = input.force
    ? ["failed", "dead_lettered", "succeeded", "resolved", "cancelled"]
    : ["failed", "dead_lettered"];
  const ahead = await checkRecordsAhead(db.pool, ids, statuses);
  // Sums stay in SQL numeric per currency; the already posted ones are a group of their own.
  const { rows } = await db.pool.query<{
    system: string | null;
    rate: number | null;
    replayable: boolean;
    posted: boolean;
    n: number;
    currency: string | null;
    amount: string | null;
  }>(
    `SELECT s.name AS system, s.replay_rate_per_second AS rate, t.status = ANY($2::text[]) AS replayable, t.id = ANY($3::uuid[]) AS posted,
            count(*)::int AS n, t.value_currency AS currency, sum(t.value_amount)::text AS amount
     FROM transactions t LEFT JOIN systems s ON s.id = ${REPLAY_SYSTEM_SQL}
     WHERE t.id = ANY($1::uuid[]) GROUP BY 1, 2, 3, 4, 6`,
    [ids, statuses, ahead.postedIds],
  );
  const go = rows.filter((r) => r.replayable && r.system && !r.posted);
  const targets = new Map<string, { system: string; count: number; ratePerSecond: number; seconds: number }>();
  for (const r of go) {
    const t = targets.get(r.system!) ?? { system: r.system!, count: 0, ratePerSecond: r.rate ?? 1, seconds: 0 };
    t.count += r.n;
    t.seconds = Math.ceil(t.count / t.ratePerSecond);
    targets.set(r.system!, t);
  }
  const values = new Map<string, number>();
  for (const r of go)
    if (r.currency && r.amount) values.set(r.currency.trim(), (values.get(r.currency.trim()) ?? 0) + Number(r.amount));
  const sum = (list: typeof rows) => list.reduce((n, r) => n + r.n, 0);
  return {
    total: ids.length,
    toReplay: sum(go),
    skipped: sum(rows.filter((r) => !r.replayable)),
    noEndpoint: sum(rows.filter((r) => r.replayable && !r.system)),
    alreadyPosted: ahead.postedIds.length,
    unchecked: ahead.unchecked,
    values: [...values].map(([currency, amount]) => ({ currency, amount: amount.toFixed(2) })),
    targets: [...targets.values()],
  };
}

export async function requestBulkReplay(
  db: Db,
  actor: Actor | Requester,
  input: BulkReplayInput,
  context: AuditContext = {},
): Promise<{ bulkId: string; total: number }> {
  const by = requesterOf(actor);
  if (input.force && !mayDo(by, "transactions:force_replay"))
    throw new AppError(403, `${by.title} may not force a replay.`);
  const ids = await matchingIds(db, by, input.filter);
  if (ids.length === 0) throw new AppError(400, "No transactions match this filter.");
  const bulkId = randomUUID();
  await inTransaction(db.pool, async (client) => {
    await client.query(
      `INSERT INTO bulk_replays (id, requested_by, reason, force, filter, total, status) VALUES ($1, $2, $3, $4, $5, $6, 'running')`,
      [bulkId, by.name, input.reason, input.force, JSON.stringify(input.filter), ids.length],
    );
    await client.query(
      `INSERT INTO replays (id, transaction_id, bulk_id, system_id, requested_by, reason, force, status)
       SELECT gen_random_uuid(), t.id, $2, ${REPLAY_SYSTEM_SQL}, $3, $4, $5, 'pending'
       FROM transactions t WHERE t.id = ANY($1::uuid[])`,
      [ids, bulkId, by.name, input.reason, input.force],
    );
    await writeAuditRow(client, {
      actor: by.name,
      action: "bulk_replay.request",
      targetType: "bulk_replay",
      targetId: bulkId,
      after: { filter: input.filter, reason: input.reason, force: input.force, total: ids.length },
      ip: context.ip,
    });
  });
  await enqueueDelivery(db.pool, { bulkId }).catch(() => undefined); // the sweeper re-adds it if this fails
  return { bulkId, total: ids.length };
}

// Items not yet claimed are cancelled; ones already sent keep their outcome.
export async function cancelBulkReplay(
  pool: Pool,
  actor: Actor | Requester,
  bulkId: string,
  context: AuditContext = {},
): Promise<{ cancelled: number }> {
  const by = requesterOf(actor);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ requested_by: string; status: string }>(
      "SELECT requested_by, status FROM bulk_replays WHERE id = $1 FOR UPDATE",
      [bulkId],
    );
    const bulk = rows[0];
    if (!bulk) throw new AppError(404, "There is no such bulk replay.");
    // Someone else's bulk may be stopped only by a role that supervises replays, and by one
    // limited to some sites only if all of it is theirs.
    if (bulk.requested_by !== by.name) {
      if (!mayDo(by, "transactions:force_replay"))
        throw new AppError(403, "Only the person who started this bulk replay, an engineer or an admin may cancel it.");
      if (by.scope.kind === "sites") {
        const outside = await client.query(
          `SELECT 1 FROM replays r JOIN transactions t ON t.id = r.transaction_id LEFT JOIN sites s ON s.id = t.site_id
           WHERE r.bulk_id = $1 AND (s.code IS NULL OR s.code <> ALL($2::text[])) LIMIT 1`,
          [bulkId, by.scope.sites],
        );
        if (outside.rowCount)
          throw new AppError(
            403,
            `This bulk replay includes transactions outside your sites (${by.scope.sites.join(", ")}); only the person who started it or someone with every site may cancel it.`,
          );
      }
    }
    if (bulk.status !== "running") throw new AppError(409, `This bulk replay is already ${bulk.status}.`);
    await client.query("UPDATE bulk_replays SET status = 'cancelled', finished_at = now() WHERE id = $1", [bulkId]);
    const { rowCount } = await client.query(
      "UPDATE replays SET status = 'cancelled', finished_at = now() WHERE bulk_id = $1 AND status = 'pending'",
      [bulkId],
    );
    await writeAuditRow(client, {
      actor: by.name,
      action: "bulk_replay.cancel",
      targetType: "bulk_replay",
      targetId: bulkId,
      after: { cancelled: rowCount },
      ip: context.ip,
    });
    return { cancelled: rowCount ?? 0 };
  });
}
