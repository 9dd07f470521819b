import type { Pool } from "pg";
import { readRetentionPolicy } from "@/lib/queries/read-retention-policy";
import { withAdvisoryLock } from "../with-advisory-lock";
import { type ExpiredEventsDay, expireEventsDay } from "./expire-events-day";
import { type ExpiredPayloadsDay, expirePayloadsDay } from "./expire-payloads-day";
import { expireRollups } from "./expire-rollups";
import { addDays, databaseToday, ensureStoragePartitions, listDayPartitions } from "./storage-partitions";

export const RETENTION_LOCK_ID = 72707374;

export interface RetentionRunResult {
  runId: number;
  today: string;
  partitionsCreated: number;
  payloads: ExpiredPayloadsDay[];
  events: ExpiredEventsDay[];
  rollupRowsDeleted: number;
  ms: number;
}

export interface RetentionOptions {
  archiveDir: string | null; // null: expired data is dropped without an archive
  daysAhead: number;
}

// One retention run (README, "Storage and retention"): creates the coming days' partitions,
// then expires whole day partitions past the admin's retention (payloads, then events with
// their closed transactions), oldest first, and trims the rollups. Each run is recorded in
// retention_runs with what it did. One run at a time across workers (advisory lock); null
// when another holds it.
export async function runRetention(pool: Pool, options: RetentionOptions): Promise<RetentionRunResult | null> {
  return withAdvisoryLock(pool, RETENTION_LOCK_ID, false, async () => {
    const started = performance.now();
    const { rows } = await pool.query<{ id: number }>(`INSERT INTO retention_runs DEFAULT VALUES RETURNING id`);
    const runId = rows[0]!.id;
    const result: RetentionRunResult = {
      runId,
      today: await databaseToday(pool),
      partitionsCreated: 0,
      payloads: [],
      events: [],
      rollupRowsDeleted: 0,
      ms: 0,
    };
    try {
      result.partitionsCreated = await ensureStoragePartitions(pool, options.daysAhead);
      const policy = await readRetentionPolicy(pool);
      const { today } = result;
      // A day is expired once all of it is older than the retention: kept days are today and
      // the `days` before it.
      for (const p of await listDayPartitions(pool, "event_payloads", addDays(today, -policy.payloadDays)))
        result.payloads.push(await expirePayloadsDay(pool, p, today, options.archiveDir));
      for (const p of await listDayPartitions(pool, "events", addDays(today, -policy.eventDays)))
        result.events.push(await expireEventsDay(pool, p, today, options.archiveDir));
      result.rollupRowsDeleted = await expireRollups(pool, addDays(today, -policy.rollupDays));
      result.ms = performance.now() - started;
      await recordRun(pool, runId, "succeeded", result, null);
      return result;
    } catch (error) {
      result.ms = performance.now() - started;
      await recordRun(pool, runId, "failed", result, (error as Error).message);
      throw error;
    }
  });
}

async function recordRun(
  pool: Pool,
  runId: number,
  outcome: string,
  result: RetentionRunResult,
  error: string | null,
): Promise<void> {
  const summary = {
    partitionsCreated: result.partitionsCreated,
    payloadDays: result.payloads.map((p) => ({ day: p.day, rows: p.payloads, kept: p.keptPayloads, ms: p.ms })),
    eventDays: result.events.map((e) => ({
      day: e.day,
      rows: e.events,
      keptTransactions: e.keptTransactions,
      keptEvents: e.keptEvents,
      deletedTransactions: e.deletedTransactions,
      archiveBytes: e.archive ? e.archive.events.bytes + e.archive.transactions.bytes : null,
      ms: e.ms,
    })),
    rollupRowsDeleted: result.rollupRowsDeleted,
    ms: Math.round(result.ms),
  };
  await pool.query(
    `UPDATE retention_runs SET finished_at = now(), outcome = $2, summary = $3, error = $4 WHERE id = $1`,
    [runId, outcome, JSON.stringify(summary), error],
  );
}
