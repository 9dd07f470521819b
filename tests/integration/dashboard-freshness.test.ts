import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));

import { GET as kpisApi } from "@/app/api/dashboard/kpis/route";
import { GET as overviewApi } from "@/app/api/dashboard/overview/route";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { ingest, newApiKey } from "../helpers/api";
import { dashboardFixture, flow } from "../helpers/dashboard-fixture";
import { createRoleUsers, signInAs } from "../helpers/session";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// Reads never wait on rollup maintenance: while a fold is stuck behind a lock this test
// holds, the dashboard routes answer at once with the figures folded so far and say when
// those were folded; ingest carries on; once the lock goes, the fold catches up.

const DAY = "range=custom&from=2026-11-02T06:00:00.000Z&to=2026-11-02T12:00:00.000Z";

let db: TestDatabase;
let key: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedCatalogue(db.pool);
  const users = await createRoleUsers(db.pool);
  signInAs(users.engineer);
  key = await newApiKey(db.pool);
  expect((await ingest(key, { events: dashboardFixture() })).status).toBe(200);
  await refreshRollups(db.pool);
});
afterAll(async () => db?.drop());

async function overview(): Promise<{ ms: number; throughput: number; updatedAt: string }> {
  const started = performance.now();
  const res = await overviewApi(new Request(`http://crossdock.test/api/dashboard/overview?${DAY}`));
  expect(res.status).toBe(200);
  const body = await res.json();
  const sc = body.cards.find((c: { workflow: string }) => c.workflow === "shipment_confirmation");
  return { ms: performance.now() - started, throughput: sc.throughput, updatedAt: body.updatedAt };
}

describe("dashboard reads while the rollups are being folded", () => {
  it("answer with the folded figures and their time while a fold is held up by a lock, and the new figures after", async () => {
    const before = await overview();
    expect(before.throughput).toBe(8);
    const foldedAt = Date.parse(before.updatedAt);
    expect(Number.isNaN(foldedAt)).toBe(false);

    // Row locks on every hourly rollup: the next fold claims its deltas, then waits here.
    const blocker = await db.pool.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM rollup_hourly FOR UPDATE");
      const more = flow(
        "SC-20",
        "shipment_confirmation",
        "east",
        [
          ["received", "source_api", "10:15:00"],
          ["acknowledged", "target_api", "10:15:02"],
        ],
        { refs: { shipmentId: "SHP-20", loadId: "L-20" } },
      );
      expect((await ingest(key, { events: more })).status).toBe(200);
      let folded = false;
      const fold = refreshRollups(db.pool).then((r) => {
        folded = true;
        return r;
      });
      await expect
        .poll(async () => (await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`)).rows[0].n)
        .toBeGreaterThan(0);

      const during = await overview();
      expect(folded).toBe(false);
      expect(during.throughput).toBe(8);
      expect(during.updatedAt).toBe(before.updatedAt);
      expect(during.ms).toBeLessThan(5_000);
      const kpis = await kpisApi(new Request(`http://crossdock.test/api/dashboard/kpis?${DAY}`));
      expect(kpis.status).toBe(200);
      expect((await kpis.json()).updatedAt).toBe(before.updatedAt);
      expect(folded).toBe(false);

      await blocker.query("COMMIT");
      expect((await fold).foldedAt.getTime()).toBeGreaterThan(foldedAt);
    } finally {
      await blocker.query("ROLLBACK").catch(() => undefined);
      blocker.release();
    }
    const after = await overview();
    expect(after.throughput).toBe(9);
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(foldedAt);
  });
});
