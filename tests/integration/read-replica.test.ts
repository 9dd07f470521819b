import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));

import { GET as overviewApi } from "@/app/api/dashboard/overview/route";
import { GET as stuckExportApi } from "@/app/api/dashboard/stuck/export/route";
import { GET as stuckApi } from "@/app/api/dashboard/stuck/route";
import { GET as healthApi } from "@/app/api/health/route";
import { GET as searchApi } from "@/app/api/search/route";
import { closeDatabases, getDatabase, getReadDatabase } from "@/lib/db";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { migrate } from "@/lib/postgres/migrate";
import { type ReplicaHealth, readReplicaHealth } from "@/lib/postgres/replica-health";
import { readReplicaLag } from "@/lib/postgres/replica-lag";
import { loadOverview } from "@/lib/queries/dashboard-views/load-overview";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { dashboardFixture, flow } from "../helpers/dashboard-fixture";
import { findReplicationBinaries, type ReplicaCluster, startReplicaCluster } from "../helpers/replica-cluster";
import { insertUser } from "../helpers/rows";
import { signInAs } from "../helpers/session";
import { useBeforeAll } from "../helpers/use-before-all";

// DATABASE_READ_URL on a real streaming replica: a primary and a hot standby made with
// pg_basebackup -R. Replay on the standby is paused to hold it behind the primary, which
// shows which database each call uses: the dashboards, search and exports answer what the
// standby has, and say how old that is; ingest and the session lookup see the primary.

const binaries = findReplicationBinaries();
if ("missing" in binaries) console.log(`read replica tests skipped: ${binaries.missing}`);

const DAY = "range=custom&from=2026-11-02T06:00:00.000Z&to=2026-11-02T12:00:00.000Z";
const BASE = "http://crossdock.test";

describe.skipIf("missing" in binaries)("reads on a streaming replica (DATABASE_READ_URL)", () => {
  const cluster = useBeforeAll(
    async () => {
      const started = await startReplicaCluster((binaries as { dir: string }).dir);
      await migrate(started.primary.url);
      process.env.DATABASE_URL = started.primary.url;
      process.env.DATABASE_READ_URL = started.replica.url;
      return started;
    },
    async (started: ReplicaCluster) => {
      await closeDatabases();
      delete process.env.DATABASE_READ_URL;
      await started.stop();
    },
  );

  let key: string;
  beforeAll(async () => {
    const { pool } = getDatabase();
    await seedCatalogue(pool);
    signInAs(await insertUser(pool, { email: "engineer@example.com", role: "engineer" }));
    key = await newApiKey(pool);
    expect((await ingest(key, { events: dashboardFixture() })).status).toBe(200);
    await refreshRollups(pool);
    await replayed();
  });

  // Until the replica has replayed everything the primary has written so far (a loop of
  // its own: expect.poll only runs inside a test, and this also runs in beforeAll).
  async function replayed(): Promise<void> {
    const [at] = await cluster.primary.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
    for (const deadline = Date.now() + 20_000; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const [row] = await cluster.replica.query<{ done: boolean }>(
        `SELECT pg_last_wal_replay_lsn() >= '${at!.lsn}'::pg_lsn AS done`,
      );
      if (row!.done) return;
      if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${at!.lsn} within 20 s`);
    }
  }

  async function overview(): Promise<{ status: number; throughput: number; updatedAt: string }> {
    const res = await overviewApi(new Request(`${BASE}/api/dashboard/overview?${DAY}`));
    const body = await res.json();
    const sc = body.cards?.find((c: { workflow: string }) => c.workflow === "shipment_confirmation");
    return { status: res.status, throughput: sc?.throughput, updatedAt: body.updatedAt };
  }

  async function searchHits(q: string): Promise<string[]> {
    const res = await searchApi(new Request(`${BASE}/api/search?q=${encodeURIComponent(q)}`));
    expect(res.status).toBe(200);
    return (await res.json()).hits.map((h: { transactionId: string }) => h.transactionId);
  }

  it("routes the dashboards to the replica and everything else to the primary", () => {
    expect(getReadDatabase()).not.toBe(getDatabase());
    expect(getReadDatabase()).toBe(getDatabase(cluster.replica.url));
  });

  it("answers from the replica, behind the primary while replay is paused, and says how old its figures are", async () => {
    const caughtUp = await overview();
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.throughput).toBe(8);
    expect((await readReplicaHealth())?.status).toBe("reachable");

    const [paused] = await cluster.replica.query<{ at: Date }>(`SELECT pg_wal_replay_pause(), clock_timestamp() AS at`);
    await expect
      .poll(
        async () => (await cluster.replica.query<{ s: string }>(`SELECT pg_get_wal_replay_pause_state() AS s`))[0]!.s,
      )
      .toBe("paused");

    // Writes while the replica holds still: ingest and the rollup fold go to the primary (the
    // standby would refuse them), and a person created now can sign in at once, because the
    // session lookup reads the primary too.
    const more = flow(
      "SC-20",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "10:15:00"],
        ["acknowledged", "target_api", "10:15:02"],
      ],
      { businessKey: "SHP-20", refs: { shipmentId: "SHP-20", loadId: "L-20" } },
    );
    expect((await ingest(key, { events: more })).status).toBe(200);
    const fold = await refreshRollups(getDatabase().pool);
    signInAs(await insertUser(getDatabase().pool, { email: "late@example.com", role: "engineer" }));

    const params = loadDashboardParams(new URLSearchParams(DAY));
    const onPrimary = await loadOverview(getDatabase(), testActor("engineer"), params);
    expect(onPrimary.cards.find((c) => c.workflow === "shipment_confirmation")?.throughput).toBe(9);

    const behind = await overview();
    expect(behind.status).toBe(200);
    expect(behind.throughput).toBe(8);
    // The fold the replica has, not the one the primary just made.
    expect(behind.updatedAt).toBe(caughtUp.updatedAt);
    expect(Date.parse(behind.updatedAt)).toBeLessThan(fold.foldedAt.getTime());
    expect(await searchHits("SHP-20")).toEqual([]);

    // Live views are as of what the replica has replayed: the lag is taken off the request time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const requested = Date.now();
    const stuck = await stuckApi(new Request(`${BASE}/api/dashboard/stuck?${DAY}`));
    expect(stuck.status).toBe(200);
    const stuckAt = Date.parse((await stuck.json()).updatedAt);
    expect(stuckAt).toBeLessThanOrEqual(paused!.at.getTime() + 50);
    expect(requested - stuckAt).toBeGreaterThanOrEqual(1_400);
    // The operator reads it in the health report.
    const { replica: health } = (await (await healthApi()).json()) as { replica?: ReplicaHealth };
    expect(health).toMatchObject({ status: "reachable", standby: true });
    expect(health?.status === "reachable" && health.lagSeconds).toBeGreaterThanOrEqual(1.4);
    // Exports read there too.
    const csv = await stuckExportApi(new Request(`${BASE}/api/dashboard/stuck/export?${DAY}`));
    expect(csv.status).toBe(200);

    await cluster.replica.query(`SELECT pg_wal_replay_resume()`);
    await replayed();
    const after = await overview();
    expect(after.throughput).toBe(9);
    expect(Date.parse(after.updatedAt)).toBe(fold.foldedAt.getTime());
    expect(await searchHits("SHP-20")).toEqual(["SC-20"]);
    await expect
      .poll(async () => {
        const h = await readReplicaHealth();
        return h?.status === "reachable" ? h.lagSeconds : null;
      })
      .toBe(0);
    // Caught up: live views are as of the request again.
    await expect
      .poll(async () => {
        const live = await stuckApi(new Request(`${BASE}/api/dashboard/stuck?${DAY}`));
        return Date.now() - Date.parse((await live.json()).updatedAt);
      })
      .toBeLessThan(1_000);
  });

  it("reports no lag for a primary, and no replica when DATABASE_READ_URL is not set", async () => {
    expect(await readReplicaLag(getDatabase().pool)).toBeNull();
    expect(await readReplicaLag(getReadDatabase().pool)).toMatchObject({ lagSeconds: expect.any(Number) });
    const readUrl = process.env.DATABASE_READ_URL;
    delete process.env.DATABASE_READ_URL;
    try {
      expect(await readReplicaHealth()).toBeNull();
      expect(getReadDatabase()).toBe(getDatabase());
    } finally {
      process.env.DATABASE_READ_URL = readUrl;
    }
  });
});
