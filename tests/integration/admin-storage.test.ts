import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { saveRetentionSettingsAction } from "@/app/admin/storage/actions";
import { describeRun } from "@/components/admin/storage/retention-runs";
import { runRetention } from "@/lib/jobs/retention/run-retention";
import { getStorageOverview } from "@/lib/queries/get-storage-overview";
import { readRetentionPolicy } from "@/lib/queries/read-retention-policy";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useRoleUsers } from "../helpers/session";
import { databaseDay, moveToStorageDay } from "../helpers/storage-days";
import { useTestDatabase } from "../helpers/test-database";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

// Admin -> Storage: the retention settings an admin sets, and what the page reads.
const db = useTestDatabase();
const { signIn } = useRoleUsers(db);
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool);
});
beforeEach(() => signIn("admin"));

describe("retention settings", () => {
  it("start at the defaults: payloads 14 days, events 13 months, rollups 5 years", async () => {
    expect(await readRetentionPolicy(db.pool)).toMatchObject({ payloadDays: 14, eventDays: 396, rollupDays: 1826 });
  });

  it("refuse what does not make sense, naming the field", async () => {
    const longer = await saveRetentionSettingsAction({ payloadDays: 400, eventDays: 396, rollupDays: 1826 });
    expect(longer).toMatchObject({ ok: false, status: 400 });
    expect(longer.ok || longer.fieldErrors).toMatchObject({
      payloadDays: "Payloads: at most as long as events (396 days).",
    });
    const zero = await saveRetentionSettingsAction({ payloadDays: 7, eventDays: 0, rollupDays: 1826 });
    expect(zero.ok || zero.fieldErrors).toMatchObject({
      eventDays: "Events and closed transactions: keep at least 1 day.",
    });
    expect(await readRetentionPolicy(db.pool)).toMatchObject({ payloadDays: 14, eventDays: 396 });
  });

  it("save with an audit row, and the next run applies them", async () => {
    const saved = await saveRetentionSettingsAction({ payloadDays: "3", eventDays: "30", rollupDays: "365" });
    expect(saved).toMatchObject({ ok: true, data: { payloadDays: 3, eventDays: 30, rollupDays: 365 } });
    const { rows } = await db.pool.query(
      `SELECT action, before, after FROM audit_log WHERE action = 'retention.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({
      before: { payloadDays: 14, eventDays: 396, rollupDays: 1826 },
      after: { payloadDays: 3, eventDays: 30, rollupDays: 365 },
    });

    await ingest(key, { events: shipmentEvents("SHP-S1") });
    const fiveDaysAgo = await databaseDay(db.pool, -5);
    await moveToStorageDay(db.pool, ["TX-SHP-S1"], fiveDaysAgo);
    const archiveDir = await mkdtemp(path.join(tmpdir(), "crossdock-archive-"));
    try {
      const run = (await runRetention(db.pool, { archiveDir, daysAhead: 2 }))!;
      // Past 3 days: the payloads go, every day's partition from the oldest kept ready (7
      // days back) to 4 days ago, empty or not; within 30: the events stay.
      const days = await Promise.all([-7, -6, -5, -4].map((k) => databaseDay(db.pool, k)));
      expect(run.payloads.map((p) => [p.day, p.payloads])).toEqual(days.map((d) => [d, d === fiveDaysAgo ? 1 : 0]));
      expect(run.events).toEqual([]);
    } finally {
      await rm(archiveDir, { recursive: true, force: true });
    }
  });
});

describe("the storage overview", () => {
  it("shows tables, day partitions, the stored range and the last runs", async () => {
    // Yesterday's partition exists but stored nothing: not a day of growth.
    const yesterday = await databaseDay(db.pool, -1);
    await db.pool.query(`SELECT ensure_storage_partitions($1::date, $1::date)`, [yesterday]);
    await db.pool.query("ANALYZE");
    const o = await getStorageOverview(db.pool);
    const events = o.tables.find((t) => t.table === "events")!;
    expect(events.partitions).toBeGreaterThanOrEqual(8); // today, the week ahead, the default
    expect(events.rows).toBe(4);
    expect(o.tables.map((t) => t.table)).toContain("rollup_hourly");
    const today = await databaseDay(db.pool);
    expect(o.partitions).toContainEqual(expect.objectContaining({ table: "events", day: today }));
    expect(o.partitions).toContainEqual(
      expect.objectContaining({ table: "events", name: "events_default", day: null }),
    );
    expect(o.oldestDay).toBe(await databaseDay(db.pool, -5));
    // Growth is the mean of the complete days that stored transactions: the one 5 days ago.
    expect(o.dailyGrowth.days).toBe(1);
    expect(o.dailyGrowth.transactions).toBeGreaterThan(0);
    expect(o.policy).toMatchObject({ payloadDays: 3, eventDays: 30 });
    expect(o.runs[0]).toMatchObject({ outcome: "succeeded" });
    expect(describeRun(o.runs[0]!)).toContain(
      `payloads of ${await databaseDay(db.pool, -5)}: 1 archived and dropped, 0 of open work kept`,
    );
  });
});
