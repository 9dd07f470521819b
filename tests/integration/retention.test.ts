import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestOf } from "@/lib/jobs/retention/archive-files";
import { restoreArchive } from "@/lib/jobs/retention/restore-archive";
import { type RetentionRunResult, runRetention } from "@/lib/jobs/retention/run-retention";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { getTransaction } from "@/lib/queries/get-transaction";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { databaseDay, eventPartitions, moveToStorageDay } from "../helpers/storage-days";
import { useTestDatabase } from "../helpers/test-database";

// Retention expires whole day partitions past the admin's settings; open work stays, the
// rollups keep what the expired transactions contributed, and the archive holds the rest.
const db = useTestDatabase({ catalogue: true });
let key: string;
let archiveDir: string;
let old: string; // a storage day past the default 13 months
let today: string;
let run: RetentionRunResult;
let rollupsBefore: unknown;

const CLOSED = "TX-SHP-R1"; // succeeded, and its load invoiced
const FAILED = "TX-SHP-R2"; // failed: needs a person
const UNPOSTED = "TX-SHP-R3"; // succeeded shipment, no invoice yet: an unposted load
const RECENT = "TX-SHP-R4"; // closed but young: untouched

async function rollupTotals() {
  const { rows } = await db.pool.query(
    `SELECT workflow_id, site_id, sum(started)::int AS started, sum(succeeded)::int AS succeeded,
            sum(needs_person)::int AS needs_person, sum(ever_failed)::int AS ever_failed FROM rollup_hourly
     GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return rows;
}

async function transactionIds(): Promise<string[]> {
  const { rows } = await db.pool.query<{ external_id: string }>(`SELECT external_id FROM transactions ORDER BY 1`);
  return rows.map((r) => r.external_id);
}

beforeAll(async () => {
  key = await newApiKey(db.pool, "wms-east");
  archiveDir = await mkdtemp(path.join(tmpdir(), "crossdock-archive-"));
  today = await databaseDay(db.pool);
  old = await databaseDay(db.pool, -400);
  await ingest(key, { events: shipmentEvents("SHP-R1", { loadId: "L-R1" }) });
  await ingest(key, { events: shipmentEvents("SHP-R2", { fail: true }) });
  await ingest(key, { events: shipmentEvents("SHP-R3", { loadId: "L-R3" }) });
  await ingest(key, { events: shipmentEvents("SHP-R4") });
  await ingest(key, {
    events: [
      {
        id: "INV-R1-1",
        transactionId: "TX-INV-R1",
        workflow: "invoice_posting",
        stage: "acknowledged",
        layer: "target_api",
        site: "east",
        occurredAt: "2026-11-02T12:00:00Z",
        businessKey: "INV-R1",
        refs: { shipmentId: "SHP-R1", loadId: "L-R1", invoiceId: "INV-R1" },
      },
    ],
  });
  await moveToStorageDay(db.pool, [CLOSED, FAILED, UNPOSTED, "TX-INV-R1"], old);
  await refreshRollups(db.pool);
  rollupsBefore = await rollupTotals();
  const { rows } = await db.pool.query(
    `SELECT t.external_id FROM unposted_shipments u JOIN transactions t ON t.id = u.transaction_id ORDER BY 1`,
  );
  // The scenario rests on these: R3 waits for its invoice, R1's was posted.
  expect(rows.map((r) => r.external_id)).toContain(UNPOSTED);
  expect(rows.map((r) => r.external_id)).not.toContain(CLOSED);
  run = (await runRetention(db.pool, { archiveDir, daysAhead: 2 }))!;
});

afterAll(async () => {
  await rm(archiveDir, { recursive: true, force: true });
});

describe("a retention run", () => {
  it("drops the expired day's partitions and the closed transactions stored that day", async () => {
    const day = run.events.find((e) => e.day === old)!;
    expect(day).toMatchObject({ events: 13, keptTransactions: 2, keptEvents: 8, deletedTransactions: 2 });
    const { rows } = await db.pool.query(`SELECT to_regclass($1) AS events, to_regclass($2) AS payloads`, [
      `events_p${old.replaceAll("-", "")}`,
      `event_payloads_p${old.replaceAll("-", "")}`,
    ]);
    expect(rows[0]).toEqual({ events: null, payloads: null });
    expect(await transactionIds()).toEqual([FAILED, UNPOSTED, RECENT].sort());
    // Payloads expire first (14 days): the three shipments' documents, two of them open work's.
    expect(run.payloads.find((p) => p.day === old)).toMatchObject({ payloads: 3, keptPayloads: 2 });
  });

  it("keeps open work with its events and payloads, moved to today's partition", async () => {
    for (const id of [FAILED, UNPOSTED]) {
      const parts = await eventPartitions(db.pool, id);
      expect(Object.keys(parts)).toHaveLength(4);
      expect(new Set(Object.values(parts))).toEqual(new Set([`events_p${today.replaceAll("-", "")}`]));
      const trace = await getTransaction(db.prisma, id);
      if (!("found" in trace)) throw new Error(`${id} is gone`);
      expect(trace.found.events.map((e) => e.stage)).toHaveLength(4);
      expect(trace.found.events.filter((e) => e.hasPayload)).toHaveLength(1);
    }
    const { rows } = await db.pool.query(`SELECT status FROM transactions WHERE external_id = $1`, [FAILED]);
    expect(rows[0].status).toBe("failed");
  });

  it("still refuses a re-sent event of moved open work", async () => {
    const res = await ingest(key, { events: shipmentEvents("SHP-R2", { fail: true }) });
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 4 });
  });

  it("leaves the rollups as they were: expired transactions are not retracted", async () => {
    await refreshRollups(db.pool);
    expect(await rollupTotals()).toEqual(rollupsBefore);
  });

  it("archives the expired days as gzip NDJSON with a manifest that matches the file", async () => {
    const archive = run.events.find((e) => e.day === old)!.archive!;
    expect(archive.events).toMatchObject({ table: "events", day: old, rows: 13 });
    expect(archive.transactions).toMatchObject({ table: "transactions", day: old, rows: 2 });
    const file = path.join(archiveDir, "events", `${old}.ndjson.gz`);
    expect(await digestOf(file)).toEqual({ sha256: archive.events.sha256, bytes: archive.events.bytes });
    const lines = gunzipSync(await readFile(file))
      .toString("utf8")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(13);
    expect(lines.map((l) => JSON.parse(l).event_id)).toContain("SHP-R1-1");
    const manifest = JSON.parse(await readFile(path.join(archiveDir, "events", `${old}.manifest.json`), "utf8"));
    expect(manifest).toEqual(archive.events);
  });

  it("is recorded with what it did", async () => {
    const { rows } = await db.pool.query(`SELECT outcome, summary FROM retention_runs WHERE id = $1`, [run.runId]);
    expect(rows[0].outcome).toBe("succeeded");
    expect(rows[0].summary.eventDays).toEqual([
      expect.objectContaining({ day: old, rows: 13, keptTransactions: 2, deletedTransactions: 2 }),
    ]);
  });

  it("leaves young data alone on the next run", async () => {
    const again = (await runRetention(db.pool, { archiveDir, daysAhead: 2 }))!;
    expect(again.events).toEqual([]);
    expect(again.payloads).toEqual([]);
    expect(await transactionIds()).toEqual([FAILED, UNPOSTED, RECENT].sort());
  });

  it("restores an archived day: the closed transaction's trace shows again, nothing twice", async () => {
    const [day] = await restoreArchive(db.pool, archiveDir, old, old);
    expect(day).toMatchObject({
      day: old,
      rows: { transactions: 2, events: 5, event_payloads: 1 },
      archived: { transactions: 2, events: 13, event_payloads: 3 },
    });
    const trace = await getTransaction(db.prisma, CLOSED);
    if (!("found" in trace)) throw new Error("not restored");
    expect(trace.found.transaction.status).toBe("succeeded");
    expect(trace.found.events.map((e) => e.stage)).toEqual(["received", "transformed", "published", "acknowledged"]);
    expect(trace.found.events[0]!.hasPayload).toBe(true);
    for (const id of [FAILED, UNPOSTED]) expect(Object.keys(await eventPartitions(db.pool, id))).toHaveLength(4);
    // Counted once in the rollups, as before it expired.
    await refreshRollups(db.pool);
    expect(await rollupTotals()).toEqual(rollupsBefore);
    // A restored event re-sent is still a duplicate.
    const res = await ingest(key, { events: shipmentEvents("SHP-R1", { loadId: "L-R1" }) });
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 4 });
  });

  it("refuses to restore a file that does not match its manifest", async () => {
    const file = path.join(archiveDir, "transactions", `${old}.ndjson.gz`);
    await writeFile(file, gzipSync("{}\n"));
    await expect(restoreArchive(db.pool, archiveDir, old, old)).rejects.toThrow(
      `Archive transactions/${old}.ndjson.gz does not match its manifest`,
    );
  });
});

describe("a retention run meeting a replay claim", () => {
  // A claim locks its transaction's row and then writes a replay_requested event; retention
  // locks events and then moves open transactions. Retention must be the one that gives way:
  // a cancelled claim fails a whole delivery job. The claim here looks for deadlocks after
  // 700 ms instead of the server's 1 s, so that, left to PostgreSQL, the claim (waiting a
  // moment later than retention) would be the one cancelled.
  it("gives way instead of deadlocking it, then expires the day", async () => {
    await ingest(key, { events: shipmentEvents("SHP-R5", { fail: true }) });
    const day = await databaseDay(db.pool, -401);
    await moveToStorageDay(db.pool, ["TX-SHP-R5"], day);
    const claim = await db.pool.connect();
    try {
      await claim.query("BEGIN; SET LOCAL deadlock_timeout = '700ms'");
      const { rows } = await claim.query<{ id: string }>(
        `SELECT id FROM transactions WHERE external_id = 'TX-SHP-R5' FOR UPDATE`,
      );
      const retention = runRetention(db.pool, { archiveDir, daysAhead: 2 });
      await waitUntilWaiting("UPDATE transactions t SET storage_day%");
      await claim.query(
        `INSERT INTO events (sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at, storage_day)
         SELECT sender_system_id, 'SHP-R5-replay', id, 'shipment_confirmation', 'replay_requested', 'middleware', now(),
                storage_day
         FROM transactions WHERE id = $1`,
        [rows[0]!.id],
      );
      await claim.query("COMMIT");
      const result = (await retention)!;
      expect(result.events.find((e) => e.day === day)).toMatchObject({ keptTransactions: 1, keptEvents: 5 });
    } finally {
      claim.release();
    }
    expect(new Set(Object.values(await eventPartitions(db.pool, "TX-SHP-R5")))).toEqual(
      new Set([`events_p${today.replaceAll("-", "")}`]),
    );
  });
});

async function waitUntilWaiting(queryPattern: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await db.pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`,
      [queryPattern],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing waited on a lock running ${queryPattern}`);
}
