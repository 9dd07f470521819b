import { beforeAll, describe, expect, it } from "vitest";
import { ensureStoragePartitions } from "@/lib/jobs/retention/storage-partitions";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { databaseDay, eventPartitions, moveToStorageDay } from "../helpers/storage-days";
import { useTestDatabase } from "../helpers/test-database";

// Events and payloads are partitioned by their transaction's storage day; idempotency
// (unique sender + event id) must hold across partitions and days.
const db = useTestDatabase();
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool);
});

const partitionOf = (day: string) => `events_p${day.replaceAll("-", "")}`;

async function eventCount(externalId: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events e JOIN transactions t ON t.id = e.transaction_id WHERE t.external_id = $1`,
    [externalId],
  );
  return rows[0]!.n;
}

describe("partitioned events", () => {
  it("store a new transaction's events and payloads in today's partition", async () => {
    const today = await databaseDay(db.pool);
    await ingest(key, { events: shipmentEvents("SHP-P1") });
    const parts = await eventPartitions(db.pool, "TX-SHP-P1");
    expect(Object.values(parts)).toEqual(Array(4).fill(partitionOf(today)));
    const { rows } = await db.pool.query(
      `SELECT p.tableoid::regclass::text AS part, t.storage_day::text AS day
       FROM event_payloads p JOIN events e ON e.id = p.event_id JOIN transactions t ON t.id = e.transaction_id
       WHERE t.external_id = 'TX-SHP-P1'`,
    );
    expect(rows).toEqual([{ part: `event_payloads_p${today.replaceAll("-", "")}`, day: today }]);
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
