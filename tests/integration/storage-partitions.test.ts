import { beforeAll, describe, expect, it } from "vitest";
import { BACKFILL_DAYS } from "@/lib/domain/storage-day";
import { transactionUuid } from "@/lib/domain/transaction-key";
import { ensureStoragePartitions } from "@/lib/jobs/retention/storage-partitions";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { databaseDay, eventPartitions, moveToStorageDay } from "../helpers/storage-days";
import { useTestDatabase } from "../helpers/test-database";

// Events and payloads are partitioned by their transaction's storage day (the day of its
// first event, within BACKFILL_DAYS); idempotency (unique sender + event id) must hold
// across partitions and days.
const db = useTestDatabase();
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool);
});

const partitionOf = (day: string) => `events_p${day.replaceAll("-", "")}`;

// The same event on another day, at the same time of day.
function atDay<E extends { occurredAt: string }>(event: E, day: string): E {
  return { ...event, occurredAt: `${day}${event.occurredAt.slice(10)}` };
}

async function raceTransactionId(): Promise<string> {
  const { rows } = await db.pool.query<{ id: number }>(`SELECT id FROM systems WHERE name = 'middleware-test'`);
  return transactionUuid(rows[0]!.id, "TX-SHP-P-RACE");
}

async function waitForLockWait(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await db.pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO transactions%'`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the ingest request never waited for the transaction's row lock");
}

async function eventCount(externalId: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events e JOIN transactions t ON t.id = e.transaction_id WHERE t.external_id = $1`,
    [externalId],
  );
  return rows[0]!.n;
}

describe("partitioned events", () => {
  it("store a new transaction's events and payloads in the partition of its first event's day", async () => {
    const twoDaysAgo = await databaseDay(db.pool, -2);
    await ingest(key, { events: shipmentEvents("SHP-P1").map((e) => atDay(e, twoDaysAgo)) });
    const parts = await eventPartitions(db.pool, "TX-SHP-P1");
    expect(Object.values(parts)).toEqual(Array(4).fill(partitionOf(twoDaysAgo)));
    const { rows } = await db.pool.query(
      `SELECT p.tableoid::regclass::text AS part, t.storage_day::text AS day
       FROM event_payloads p JOIN events e ON e.id = p.event_id JOIN transactions t ON t.id = e.transaction_id
       WHERE t.external_id = 'TX-SHP-P1'`,
    );
    expect(rows).toEqual([{ part: `event_payloads_p${twoDaysAgo.replaceAll("-", "")}`, day: twoDaysAgo }]);
  });

  it("file a transaction first seen with older events under the oldest day kept ready, a future one under today", async () => {
    const backfill = await databaseDay(db.pool, -BACKFILL_DAYS);
    const today = await databaseDay(db.pool);
    const inAWeek = await databaseDay(db.pool, 7);
    await ingest(key, { events: shipmentEvents("SHP-P1-OLD").map((e) => atDay(e, "2026-01-15")) });
    await ingest(key, { events: shipmentEvents("SHP-P1-NEW").map((e) => atDay(e, inAWeek)) });
    expect(new Set(Object.values(await eventPartitions(db.pool, "TX-SHP-P1-OLD")))).toEqual(
      new Set([partitionOf(backfill)]),
    );
    expect(new Set(Object.values(await eventPartitions(db.pool, "TX-SHP-P1-NEW")))).toEqual(
      new Set([partitionOf(today)]),
    );
  });

  it("keep one day per transaction when two requests create it from events of different days at once", async () => {
    const threeDaysAgo = await databaseDay(db.pool, -3);
    const yesterday = await databaseDay(db.pool, -1);
    const events = shipmentEvents("SHP-P-RACE").map((e) => atDay(e, yesterday));
    // Another request holds the new transaction, stored under three days ago, uncommitted.
    const other = await db.pool.connect();
    try {
      await other.query("BEGIN");
      await other.query(
        `INSERT INTO transactions (id, sender_system_id, external_id, workflow_id, status, current_layer,
                                   event_count, first_event_at, last_event_at, storage_day)
         SELECT $1::uuid, s.id, 'TX-SHP-P-RACE', w.id, 'in_flight', 'source_api', 1, $2::date, $2::date, $2::date
         FROM systems s, workflows w WHERE s.name = 'middleware-test' AND w.name = 'shipment_confirmation'`,
        [await raceTransactionId(), threeDaysAgo],
      );
      await other.query(
        `INSERT INTO events (sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at, storage_day)
         SELECT sender_system_id, 'SHP-P-RACE-0', id, 'shipment_confirmation', 'received', 'source_api', $2::date, $2::date
         FROM transactions WHERE id = $1::uuid`,
        [await raceTransactionId(), threeDaysAgo],
      );
      // This request reads no stored transaction, routes its events to yesterday, then waits
      // for the other's row lock.
      const request = ingest(key, { events });
      await waitForLockWait();
      await other.query("COMMIT");
      expect((await request).body).toMatchObject({ accepted: 4 });
    } finally {
      other.release();
    }
    expect(new Set(Object.values(await eventPartitions(db.pool, "TX-SHP-P-RACE")))).toEqual(
      new Set([partitionOf(threeDaysAgo)]),
    );
    const { rows } = await db.pool.query(
      `SELECT storage_day::text AS day, event_count FROM transactions WHERE external_id = 'TX-SHP-P-RACE'`,
    );
    expect(rows).toEqual([{ day: threeDaysAgo, event_count: 5 }]);
  });

  it("refuse a re-sent event with another occurred_at as a duplicate", async () => {
    const events = shipmentEvents("SHP-P2");
    await ingest(key, { events });
    const resent = { ...events[1]!, occurredAt: "2026-01-15T03:00:00Z" };
    const res = await ingest(key, { events: [resent] });
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await eventCount("TX-SHP-P2")).toBe(4);
  });

  it("refuse events re-sent days later, after their transaction's partition was left behind", async () => {
    const events = shipmentEvents("SHP-P3", { fail: true });
    await ingest(key, { events });
    const old = await databaseDay(db.pool, -9);
    await moveToStorageDay(db.pool, ["TX-SHP-P3"], old);

    // Today's partition exists and is where new transactions go; the re-sends must not land there.
    const later = events.map((e) => ({ ...e, occurredAt: "2026-11-03T10:00:00Z" }));
    const res = await ingest(key, { events: later });
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 4 });
    expect(await eventCount("TX-SHP-P3")).toBe(4);

    // A new event of that transaction joins the others in its partition, and its state follows.
    const retry = { ...events[3]!, id: "SHP-P3-5", stage: "acknowledged", occurredAt: "2026-11-03T10:00:00Z" };
    delete (retry as { error?: unknown }).error;
    expect((await ingest(key, { events: [retry] })).body).toMatchObject({ accepted: 1 });
    expect(new Set(Object.values(await eventPartitions(db.pool, "TX-SHP-P3")))).toEqual(new Set([partitionOf(old)]));
    const { rows } = await db.pool.query(
      `SELECT status, event_count FROM transactions WHERE external_id = 'TX-SHP-P3'`,
    );
    expect(rows[0]).toEqual({ status: "succeeded", event_count: 5 });
  });

  it("are created ahead by the worker's job, once", async () => {
    const ahead = await databaseDay(db.pool, 12);
    expect(await ensureStoragePartitions(db.pool, 12)).toBeGreaterThan(0);
    expect(await ensureStoragePartitions(db.pool, 12)).toBe(0);
    const { rows } = await db.pool.query(
      `SELECT to_regclass($1) IS NOT NULL AS events, to_regclass($2) IS NOT NULL AS payloads`,
      [partitionOf(ahead), `event_payloads_p${ahead.replaceAll("-", "")}`],
    );
    expect(rows[0]).toEqual({ events: true, payloads: true });
  });

  it("keep a day's stragglers in the default partition rather than fail to create the day", async () => {
    const far = await databaseDay(db.pool, 40);
    await ingest(key, { events: shipmentEvents("SHP-P4") });
    // No partition for that day yet: the rows go to the default partition.
    await db.pool.query(`UPDATE transactions SET storage_day = $1::date WHERE external_id = 'TX-SHP-P4'`, [far]);
    await db.pool.query(
      `UPDATE events SET storage_day = $1::date
       WHERE transaction_id = (SELECT id FROM transactions WHERE external_id = 'TX-SHP-P4')`,
      [far],
    );
    expect(new Set(Object.values(await eventPartitions(db.pool, "TX-SHP-P4")))).toEqual(new Set(["events_default"]));
    await db.pool.query(`SELECT ensure_storage_partitions($1::date, $1::date)`, [far]);
    const { rows } = await db.pool.query(`SELECT to_regclass($1) IS NULL AS skipped`, [partitionOf(far)]);
    expect(rows[0]).toEqual({ skipped: true });
    // Still idempotent there.
    expect((await ingest(key, { events: shipmentEvents("SHP-P4") })).body).toMatchObject({
      accepted: 0,
      duplicates: 4,
    });
  });
});
