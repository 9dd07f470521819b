import { beforeAll, describe, expect, it } from "vitest";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { useTestDatabase } from "../helpers/test-database";

const db = useTestDatabase();
let key: string;
beforeAll(async () => {
  key = await newApiKey(db.pool);
});

// The rollups as they must be: the same counts straight from transactions.
async function fromTransactions() {
  const { rows } = await db.pool.query(
    `SELECT date_trunc('hour', first_event_at, 'UTC') AS bucket, workflow_id, coalesce(site_id, 0) AS site_id, count(*)::int AS started,
            count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE ever_failed)::int AS ever_failed
     FROM transactions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  return rows;
}

async function fromRollups() {
  const { rows } = await db.pool.query(
    `SELECT bucket, workflow_id, site_id, started, succeeded, ever_failed FROM rollup_hourly ORDER BY 1, 2, 3`,
  );
  return rows;
}

describe("rollups under concurrent ingest", () => {
  it("equal a recomputation from transactions after refreshes that race with ingest", async () => {
    // 60 shipments over 3 sites, some failing; each request carries one step of 20 of them,
    // so a transaction's status moves across requests while refreshes run in between.
    const flows = Array.from({ length: 60 }, (_, i) =>
      shipmentEvents(`SHP-C${i}`, { site: ["east", "central", "south"][i % 3], fail: i % 7 === 0 }),
    );
    const requests = [0, 1, 2, 3].flatMap((step) =>
      [0, 1, 2].map((part) => flows.filter((_, i) => i % 3 === part).map((events) => events[step]!)),
    );
    let refreshing = true;
    const refresher = (async () => {
      let runs = 0;
      while (refreshing) {
        await refreshRollups(db.pool);
        runs++;
      }
      return runs;
    })();
    for (let k = 0; k < requests.length; k += 3) {
      const results = await Promise.all(requests.slice(k, k + 3).map((events) => ingest(key, { events })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    }
    refreshing = false;
    expect(await refresher).toBeGreaterThan(0);
    await refreshRollups(db.pool);
    const expected = await fromTransactions();
    expect(expected.reduce((n, r) => n + r.started, 0)).toBe(60);
    expect(expected.reduce((n, r) => n + r.ever_failed, 0)).toBe(9); // i = 0, 7, ..., 56
    expect(await fromRollups()).toEqual(expected);
  });

  it("re-sending a batch changes nothing", async () => {
    const before = await fromRollups();
    const again = shipmentEvents("SHP-C0", { site: "east", fail: true }).map((e, k) => ({
      ...e,
      id: `SHP-C0-${k + 1}`,
    }));
    expect((await ingest(key, { events: again })).status).toBe(200);
    await refreshRollups(db.pool);
    expect(await fromRollups()).toEqual(before);
  });
});
