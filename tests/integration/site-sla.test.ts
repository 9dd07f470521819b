import { beforeAll, describe, expect, it } from "vitest";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { readAlertFigure } from "@/lib/queries/alerts/read-alert-figure";
import { getOverview } from "@/lib/queries/dashboard/get-overview";
import { getStuckGroups } from "@/lib/queries/dashboard/get-stuck-groups";
import { getUnpostedLoads } from "@/lib/queries/dashboard/get-unposted-loads";
import { getWorkflowDetail } from "@/lib/queries/dashboard/get-workflow-detail";
import { updateWorkflow, updateWorkflowSchema } from "@/lib/services/save-workflow";
import { testActor } from "../helpers/actors";
import { ingest, newApiKey } from "../helpers/api";
import { flow, NOW, WINDOW } from "../helpers/dashboard-fixture";
import { useTestDatabase } from "../helpers/test-database";

// A workflow's SLA overridden at one site (south's legacy WMS works in four-hourly CSV
// batches) changes what is stuck at that site only: the stuck list and counts, the stuck
// alert figure and finance's unposted loads, while east keeps the workflow's own SLA.

const db = useTestDatabase({ catalogue: true });
const admin = testActor("admin", { email: "admin@example.test" });
const shipped = (load: string) => ({ businessKey: `SHP-${load}`, refs: { shipmentId: `SHP-${load}`, loadId: load } });

async function workflowId(name: string): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(`SELECT id FROM workflows WHERE name = $1`, [name]);
  return rows[0]!.id;
}

async function siteId(code: string): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(`SELECT id FROM sites WHERE code = $1`, [code]);
  return rows[0]!.id;
}

// Stuck transactions of shipment_confirmation per site, over all causes.
async function stuckBySite(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const g of (await getStuckGroups(db, WINDOW, undefined, NOW)).groups)
    if (g.workflow === "shipment_confirmation") out[g.site ?? ""] = (out[g.site ?? ""] ?? 0) + g.count;
  return out;
}

beforeAll(async () => {
  const key = await newApiKey(db.pool);
  // At NOW (12:00), shipment_confirmation's SLA is 20 minutes.
  const events = [
    // in the broker since 09:00:01: 3 h without progress at each site
    ...flow("E-1", "shipment_confirmation", "east", [
      ["received", "source_api", "09:00:00"],
      ["published", "broker", "09:00:01"],
    ]),
    ...flow("S-1", "shipment_confirmation", "south", [
      ["received", "source_api", "09:00:00"],
      ["published", "broker", "09:00:01"],
    ]),
    // waiting since 06:30: 5.5 h, longer than any batch cycle
    ...flow("S-2", "shipment_confirmation", "south", [["received", "source_api", "06:30:00"]]),
    // shipped at 09:00, no invoice: 3 h waiting for invoicing (SLA 60 min)
    ...flow(
      "SE-L",
      "shipment_confirmation",
      "east",
      [
        ["received", "source_api", "09:00:00"],
        ["acknowledged", "target_api", "09:00:02"],
      ],
      shipped("L-EAST"),
    ),
    ...flow(
      "SS-L",
      "shipment_confirmation",
      "south",
      [
        ["received", "source_api", "09:00:00"],
        ["acknowledged", "target_api", "09:00:02"],
      ],
      shipped("L-SOUTH"),
    ),
  ];
  expect((await ingest(key, { events })).status).toBe(200);
  await refreshRollups(db.pool);
});

describe("per-site SLAs", () => {
  it("judge stuck work at the overridden site only", async () => {
    expect(await stuckBySite()).toEqual({ east: 1, south: 2 });
    const overview = await getOverview(db, WINDOW, undefined, NOW);
    expect(overview.cards.find((c) => c.workflow === "shipment_confirmation")?.stuck).toBe(3);

    // As the admin form sends it.
    const input = updateWorkflowSchema.parse({ id: await workflowId("shipment_confirmation"), siteSlas: "south=270" });
    const result = await updateWorkflow(db.pool, admin, input);
    expect(result.changed).toEqual(["siteSlas"]);

    // S-1 (3 h) is within south's 270 minutes; S-2 (5.5 h) is not; east is unchanged.
    expect(await stuckBySite()).toEqual({ east: 1, south: 1 });
    const after = await getOverview(db, WINDOW, undefined, NOW);
    const card = after.cards.find((c) => c.workflow === "shipment_confirmation")!;
    expect(card.stuck).toBe(2);
    expect(card.slaMinutes).toBe(20); // every site in view: the workflow's own SLA
    const south = await getOverview(db, { ...WINDOW, siteCodes: ["south"] }, undefined, NOW);
    expect(south.cards.find((c) => c.workflow === "shipment_confirmation")).toMatchObject({
      stuck: 1,
      slaMinutes: 270,
    });

    const detail = await getWorkflowDetail(db, "shipment_confirmation", WINDOW, undefined, NOW);
    expect(detail?.stuck.map((t) => t.externalId).sort()).toEqual(["E-1", "S-2"]);
    expect(detail?.siteSlas).toEqual([{ site: "south", slaMinutes: 270 }]);
    const southDetail = await getWorkflowDetail(
      db,
      "shipment_confirmation",
      { ...WINDOW, siteCodes: ["south"] },
      undefined,
      NOW,
    );
    expect(southDetail?.slaMinutes).toBe(270);
    expect(southDetail?.stuck.map((t) => t.externalId)).toEqual(["S-2"]);
  });

  it("apply to the stuck alert figure, per site and across sites", async () => {
    const id = await workflowId("shipment_confirmation");
    const at = async (site: number | null) =>
      (await readAlertFigure(
        db.pool,
        {
          kind: "stuck_count",
          workflowId: id,
          siteId: site,
          systemId: null,
          systemName: null,
          currency: null,
          windowMinutes: 15,
        },
        NOW,
      )) as { count: number };
    expect((await at(await siteId("south"))).count).toBe(1);
    expect((await at(await siteId("east"))).count).toBe(1);
    expect((await at(null)).count).toBe(2);
  });

  it("apply to finance's invoicing SLA at that site", async () => {
    // The two delivered shipments (the in-flight ones are unposted too, held before the ERP).
    const loads = async () =>
      (await getUnpostedLoads(db, WINDOW, undefined, NOW)).loads
        .map((l) => l.loadId)
        .filter((id) => id.startsWith("L-"))
        .sort();
    expect(await loads()).toEqual(["L-EAST", "L-SOUTH"]);
    await updateWorkflow(db.pool, admin, { id: await workflowId("invoice_posting"), siteSlas: { south: 300 } });
    expect(await loads()).toEqual(["L-EAST"]);
    const south = await getUnpostedLoads(db, { ...WINDOW, siteCodes: ["south"] }, undefined, NOW);
    expect(south.slaMinutes).toBe(300);
    expect(south.loads.map((l) => l.loadId)).not.toContain("L-SOUTH");
  });

  it("are audited, listed with the workflow, and refused for a site that does not exist", async () => {
    const id = await workflowId("shipment_confirmation");
    const { rows } = await db.pool.query(
      `SELECT actor, before, after FROM audit_log WHERE action = 'workflow.update' AND target_id = $1`,
      [String(id)],
    );
    expect(rows).toEqual([
      {
        actor: "admin@example.test",
        before: { name: "shipment_confirmation", siteSlas: {} },
        after: { name: "shipment_confirmation", siteSlas: { south: 270 } },
      },
    ]);
    await expect(updateWorkflow(db.pool, admin, { id, siteSlas: { west: 90 } })).rejects.toThrow(/no site west/);
    // Removing the override: south is judged by the workflow's SLA again.
    await updateWorkflow(db.pool, admin, { id, siteSlas: {} });
    expect(await stuckBySite()).toEqual({ east: 1, south: 2 });
  });
});
