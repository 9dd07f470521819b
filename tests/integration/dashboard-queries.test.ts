import { beforeAll, describe, expect, it } from "vitest";
import { siteScopeOf } from "@/lib/auth/site-scope";
import { binValue, latencyBin } from "@/lib/domain/dashboard/histogram";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { getFailureSignatures } from "@/lib/queries/dashboard/get-failure-signatures";
import { getKpis } from "@/lib/queries/dashboard/get-kpis";
import { getOverview } from "@/lib/queries/dashboard/get-overview";
import { getStuckGroups } from "@/lib/queries/dashboard/get-stuck-groups";
import { getUnpostedLoads } from "@/lib/queries/dashboard/get-unposted-loads";
import { getWorkflowDetail } from "@/lib/queries/dashboard/get-workflow-detail";
import { ingest, newApiKey } from "../helpers/api";
import { dashboardFixture, flow, NOW, WINDOW } from "../helpers/dashboard-fixture";
import { useTestDatabase } from "../helpers/test-database";

// Every expected figure below is counted by hand from tests/helpers/dashboard-fixture.ts.
// Percentiles are nearest-rank over the exact values, then put through the histogram bin
// they fall in (5% wide): `binned(5000)` is what a correct rollup must report for 5000 ms.
const binned = (ms: number) => binValue(latencyBin(ms));
const at = (hhmmss: string) => new Date(`2026-11-02T${hhmmss}Z`);

const db = useTestDatabase({ catalogue: true });
let key: string;
beforeAll(async () => {
  key = await newApiKey(db.pool);
  // Registered the day before the traffic, so time-to-onboard is measurable.
  await db.pool.query(`UPDATE sites SET created_at = '2026-11-01T00:00:00Z'`);
  await db.pool.query(`UPDATE workflows SET created_at = '2026-10-01T00:00:00Z'`);
  const events = dashboardFixture();
  // In two requests, the second in reverse order: the rollups must not depend on arrival order.
  const half = Math.floor(events.length / 2);
  for (const chunk of [events.slice(0, half), events.slice(half).reverse()]) {
    const r = await ingest(key, { events: chunk });
    expect(r.status).toBe(200);
  }
  await refreshRollups(db.pool);
});

const filter = { ...WINDOW };

describe("overview", () => {
  it("counts throughput, failure rate, latency, stuck and value at risk per workflow, with the previous period", async () => {
    const o = await getOverview(db, filter, undefined, NOW);
    const sc = o.cards.find((c) => c.workflow === "shipment_confirmation")!;
    // started 06-12: SC-1,2,3,4,5,6,8,9; failed: SC-3, SC-4
    expect(sc.throughput).toBe(8);
    expect(sc.failureRate).toBe(2 / 8);
    // succeeded latencies 2000, 5000, 1000, 1000 -> sorted 1000,1000,2000,5000: p50 = 2nd, p95 = 4th
    expect(sc.p50Ms).toBe(binned(1000));
    expect(sc.p95Ms).toBe(binned(5000));
    expect(Math.abs(sc.p95Ms! - 5000) / 5000).toBeLessThan(0.025);
    // stuck at 12:00 (SLA 20 min): SC-3, SC-4 (failed), SC-5 (in flight since 09:00:01); SC-6 is 10 min old
    expect(sc.stuck).toBe(3);
    expect(sc.valueAtRisk).toEqual([{ currency: "USD", amount: "510.0000" }]);
    // previous period 00-06: SC-7 only, 10 s
    expect(sc.previous).toEqual({ throughput: 1, failureRate: 0, p50Ms: binned(10_000), p95Ms: binned(10_000) });
    expect(sc.change.throughput).toEqual({ current: 8, previous: 1, delta: 7, relative: 7 });
    expect(sc.sparkline).toHaveLength(6);
    expect(sc.sparkline.map((p) => p.started)).toEqual([0, 2, 2, 1, 1, 2]);
    expect(sc.sparkline.map((p) => p.failed)).toEqual([0, 0, 2, 0, 0, 0]);
    const orders = o.cards.find((c) => c.workflow === "order_release")!;
    expect(orders).toMatchObject({ throughput: 2, failureRate: 0.5, stuck: 0, valueAtRisk: [] });
  });

  it("applies the site scope and the filters", async () => {
    const south = await getOverview(db, filter, siteScopeOf(["south"]), NOW);
    const sc = south.cards.find((c) => c.workflow === "shipment_confirmation")!;
    expect(sc).toMatchObject({ throughput: 1, stuck: 1, valueAtRisk: [{ currency: "USD", amount: "10.0000" }] });
    expect(south.cards.find((c) => c.workflow === "order_release")!.throughput).toBe(0);
    // a site filter outside the user's scope leaves nothing
    const outside = await getOverview(db, { ...filter, siteCodes: ["east"] }, siteScopeOf(["south"]), NOW);
    expect(outside.cards).toEqual([]);
    const onlyOrders = await getOverview(db, { ...filter, workflowNames: ["order_release"] }, undefined, NOW);
    expect(onlyOrders.cards.map((c) => c.workflow)).toEqual(["order_release"]);
  });
});

describe("stuck work", () => {
  it("groups by workflow, site and cause, in impact order, with one sentence each", async () => {
    const s = await getStuckGroups(db, filter, undefined, NOW);
    expect(s.groups.map((g) => [g.workflow, g.site, g.count])).toEqual([
      ["shipment_confirmation", "east", 2], // USD 500, ~475 waiting minutes
      ["invoice_posting", "east", 1], // EUR 50, 160 minutes
      ["shipment_confirmation", "south", 1], // USD 10, ~180 minutes
    ]);
    const [customer, invoice, broker] = s.groups;
    expect(customer!.value).toEqual([{ currency: "USD", amount: "500.0000" }]);
    expect(customer!.oldestSince).toEqual(at("08:00:01"));
    expect(customer!.sentence).toBe(
      "2 shipment confirmations from east waiting since 08:00 UTC - the erp-cloud endpoint rejected them: Customer C-9 failed validation (CUSTOMER_MASTER_INVALID)",
    );
    expect(broker!.sentence).toBe(
      "1 shipment confirmation from south waiting since 09:00 UTC - no progress in the message broker (in flight)",
    );
    expect(invoice!.cause.errorCode).toBe("INVOICE_PERIOD_CLOSED");
    expect(s.total).toEqual({
      count: 4,
      value: [
        { currency: "EUR", amount: "50.0000" },
        { currency: "USD", amount: "510.0000" },
      ],
    });
  });
});

describe("finance: unposted loads", () => {
  it("lists shipped loads without a posted invoice past the SLA, where each is held, and totals per currency", async () => {
    const u = await getUnpostedLoads(db, filter, undefined, NOW);
    // SLA 60 min: SC-9 (11:30) and SC-6 (11:50) are not due yet; SC-1 is invoiced (IP-1)
    expect(u.loads.map((l) => [l.loadId, l.heldAt, l.shipments])).toEqual([
      ["L-1", "invoice_failed", 1], // SHP-2: IP-2 failed
      ["L-2", "shipment_not_delivered", 2], // SHP-3, SHP-4 rejected by the ERP
      ["L-3", "shipment_not_delivered", 1], // SHP-5 stuck in the broker
      ["L-4", "awaiting_invoice", 1], // SHP-8 delivered, no invoice posting at all
    ]);
    expect(u.loads[0]).toMatchObject({
      value: [{ currency: "EUR", amount: "50.0000" }],
      errorCode: "INVOICE_PERIOD_CLOSED",
      ageMinutes: 290,
    });
    expect(u.totals).toEqual({
      loads: 4,
      shipments: 5,
      value: [
        { currency: "EUR", amount: "50.0000" },
        { currency: "USD", amount: "580.0000" },
      ],
      byHeldAt: { invoice_failed: 1, shipment_not_delivered: 2, awaiting_invoice: 1 },
    });
    // IP-1 posted 08:00:03 for SHP-1 confirmed 07:00:00
    expect(u.cycleTime).toEqual([
      { day: at("00:00:00"), invoices: 1, p50Ms: binned(3_603_000), p95Ms: binned(3_603_000) },
    ]);
  });
});

describe("failures", () => {
  it("groups error signatures with affected transactions, open ones, value and first/last seen", async () => {
    const f = await getFailureSignatures(db, filter);
    expect(f.signatures.map((s) => [s.layer, s.targetSystem, s.errorCode, s.transactions, s.open])).toEqual([
      ["target_api", "erp-cloud", "CUSTOMER_MASTER_INVALID", 2, 2],
      // ties in order of signature text ("middleware|..." before "target_api|...")
      ["middleware", "wms-central", "MAPPING_ERROR", 1, 0],
      ["target_api", "erp-cloud", "INVOICE_PERIOD_CLOSED", 1, 1],
    ]);
    const customer = f.signatures[0]!;
    expect(customer).toMatchObject({
      value: [{ currency: "USD", amount: "500.0000" }],
      firstSeen: at("08:00:00"),
      lastSeen: at("08:05:01"),
      sites: ["east"],
    });
    expect(customer.series).toEqual([{ at: at("08:00:00"), transactions: 2 }]);
    expect(f.signatures[1]!.value).toEqual([]);
    expect(f.byLayerAndTarget).toEqual([
      { layer: "target_api", targetSystem: "erp-cloud", transactions: 3, signatures: 2 },
      { layer: "middleware", targetSystem: "wms-central", transactions: 1, signatures: 1 },
    ]);
  });
});

describe("workflow detail", () => {
  it("gives latency percentiles and failures by layer over time, top errors and stuck transactions", async () => {
    const d = (await getWorkflowDetail(db, "order_release", filter, undefined, NOW))!;
    expect(d.unit).toBe("hour");
    // both orders started at 07:00: 1000 ms and 1,804,000 ms (failed, replayed, succeeded at 07:30:04)
    expect(d.latency).toEqual([
      { at: at("07:00:00"), count: 2, p50Ms: binned(1000), p95Ms: binned(1_804_000), p99Ms: binned(1_804_000) },
    ]);
    expect(d.throughput).toEqual([
      {
        at: at("07:00:00"),
        started: 2,
        succeeded: 2,
        failed: 1,
        failedByLayer: { source_api: 0, middleware: 1, broker: 0, target_api: 0 },
      },
    ]);
    expect(d.topErrors.map((e) => e.errorCode)).toEqual(["MAPPING_ERROR"]);
    const sc = (await getWorkflowDetail(db, "shipment_confirmation", filter, undefined, NOW))!;
    expect(sc.stuck.map((t) => t.externalId)).toEqual(["SC-3", "SC-4", "SC-5"]);
    expect(await getWorkflowDetail(db, "no_such_workflow", filter)).toBeNull();
  });
});

describe("KPIs", () => {
  it("computes the seven KPIs for the window and the previous period", async () => {
    const k = await getKpis(db, filter);
    const by = Object.fromEntries(k.kpis.map((x) => [x.id, x]));
    expect(by.order_release_latency!.current).toEqual({
      kind: "duration",
      count: 2,
      p50Ms: binned(1000),
      p95Ms: binned(1_804_000),
    });
    expect(by.shipment_to_invoice_cycle_time!.current).toMatchObject({ count: 1, p50Ms: binned(3_603_000) });
    // OR-2: first failure 07:00:01 -> succeeded 07:30:04
    expect(by.exception_resolution_time!.current).toMatchObject({ count: 1, p50Ms: binned(1_803_000) });
    // completed in window: SC-1,2,8,9 + IP-1 + OR-1,2 + SNAP-1 = 8; replayed: OR-2
    expect(by.manual_intervention_rate!.current).toEqual({ kind: "rate", value: 1 / 8, numerator: 1, denominator: 8 });
    // started: 8 shipments + 2 invoices + 2 orders + 1 snapshot = 13; failed: SC-3, SC-4, IP-2, OR-2, all on attempt 1
    expect(by.integration_failure_rate!.current).toEqual({
      kind: "rate",
      value: 4 / 13,
      numerator: 4,
      denominator: 13,
      firstAttemptValue: 4 / 13,
    });
    expect(by.integration_failure_rate!.previous).toMatchObject({ value: 0, denominator: 1 });
    expect(by.integration_failure_rate!.trend).toEqual({ current: 4 / 13, previous: 0, delta: 4 / 13, relative: null });
    expect(by.inventory_accuracy!.current).toMatchObject({ value: 3 / 4, numerator: 3, denominator: 4 });
    // first successes after registration (2026-11-01 00:00) that fall in the window: east snapshot 06:30:10,
    // central orders 07:00:01, east invoices 08:00:03 (east shipments first succeeded at 03:00:10, SC-7,
    // in the previous period); nearest-rank p50 = 2nd, p95 = 3rd
    const h = (hhmmss: string) => at(hhmmss).getTime() - Date.parse("2026-11-01T00:00:00Z");
    expect(by.time_to_onboard!.current).toEqual({
      kind: "duration",
      count: 3,
      p50Ms: h("07:00:01"),
      p95Ms: h("08:00:03"),
    });
    expect(by.time_to_onboard!.previous).toEqual({
      kind: "duration",
      count: 1,
      p50Ms: h("03:00:10"),
      p95Ms: h("03:00:10"),
    });
    expect(by.inventory_accuracy!.definition).toMatch(/within tolerance/);
    const tolerant = await getKpis(db, filter, undefined, 2);
    expect(tolerant.kpis.find((x) => x.id === "inventory_accuracy")!.current).toMatchObject({ value: 1 });
  });
});

describe("long windows", () => {
  it("read whole days from the daily histograms and give the same figures as the hours would", async () => {
    // 2026-10-31 18:00 - 2026-11-03 06:00 (60 h, daily series): whole days inside, hours at the ends
    const long = { from: new Date("2026-10-31T18:00:00Z"), to: new Date("2026-11-03T06:00:00Z") };
    const o = await getOverview(db, long, undefined, NOW);
    const sc = o.cards.find((c) => c.workflow === "shipment_confirmation")!;
    // all nine shipments; succeeded: SC-8, SC-9 1000, SC-1 2000, SC-2 5000, SC-7 10000 -> p50 = 3rd, p95 = 5th
    expect(sc).toMatchObject({ throughput: 9, p50Ms: binned(2000), p95Ms: binned(10_000) });
    const d = (await getWorkflowDetail(db, "shipment_confirmation", long, undefined, NOW))!;
    expect(d.unit).toBe("day");
    expect(d.latency).toEqual([
      { at: at("00:00:00"), count: 5, p50Ms: binned(2000), p95Ms: binned(10_000), p99Ms: binned(10_000) },
    ]);
    const k = await getKpis(db, long);
    expect(k.kpis.find((x) => x.id === "order_release_latency")!.current).toMatchObject({
      count: 2,
      p95Ms: binned(1_804_000),
    });
    const f = await getFailureSignatures(db, long);
    expect(f.unit).toBe("day");
    expect(f.signatures.map((x) => [x.errorCode, x.transactions, x.open, x.firstSeen, x.lastSeen, x.series])).toEqual([
      ["CUSTOMER_MASTER_INVALID", 2, 2, at("08:00:00"), at("08:05:01"), [{ at: at("00:00:00"), transactions: 2 }]],
      ["MAPPING_ERROR", 1, 0, at("07:00:00"), at("07:30:04"), [{ at: at("00:00:00"), transactions: 1 }]],
      ["INVOICE_PERIOD_CLOSED", 1, 1, at("09:19:59"), at("09:20:00"), [{ at: at("00:00:00"), transactions: 1 }]],
    ]);
    for (const table of ["rollup_latency_daily", "rollup_failures_daily"]) {
      const rows = await db.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE bucket = '2026-11-02T00:00:00Z'`);
      expect(rows.rows[0].n).toBeGreaterThan(0);
    }
  });
});

describe("rollups as statuses move", () => {
  it("recomputes the touched hours: a replayed invoice posts, a stuck shipment completes, a late earlier event moves a transaction's hour", async () => {
    const more = [
      // IP-2 replayed and posted at 11:00:00
      ...flow(
        "IP-2",
        "invoice_posting",
        "east",
        [
          ["replay_requested", "middleware", "10:59:00", { attempt: 2 }],
          ["acknowledged", "target_api", "11:00:00", { attempt: 2 }],
        ],
        { refs: { invoiceId: "INV-2", shipmentId: "SHP-2", loadId: "L-1" } },
      ),
      // SC-5 finally delivered
      ...flow("SC-5", "shipment_confirmation", "south", [["acknowledged", "target_api", "09:30:00"]], {
        refs: { shipmentId: "SHP-5", loadId: "L-3" },
      }),
      // SC-8's first event arrives late and is earlier: it now started at 05:59, in the previous period
      ...flow("SC-8", "shipment_confirmation", "east", [["received", "source_api", "05:59:00"]], {
        refs: { shipmentId: "SHP-8", loadId: "L-4" },
      }),
    ];
    expect((await ingest(key, { events: more })).status).toBe(200);
    const dirty = await db.pool.query<{ n: number }>(
      `SELECT count(DISTINCT bucket)::int AS n FROM rollup_hourly_deltas`,
    );
    expect(dirty.rows[0]!.n).toBeGreaterThan(0);
    await refreshRollups(db.pool);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM rollup_hourly_deltas`)).rows[0].n).toBe(0);

    const o = await getOverview(db, filter, undefined, NOW);
    const sc = o.cards.find((c) => c.workflow === "shipment_confirmation")!;
    expect(sc.throughput).toBe(7); // SC-8 moved to 05:00
    expect(sc.previous.throughput).toBe(2);
    expect(sc.stuck).toBe(2);
    expect(sc.sparkline.map((p) => p.started)).toEqual([0, 2, 2, 1, 0, 2]);
    const u = await getUnpostedLoads(db, filter, undefined, NOW);
    // L-1 posted now; L-3 delivered but not invoiced; L-4 left the window (shipped 05:59)
    expect(u.loads.map((l) => [l.loadId, l.heldAt])).toEqual([
      ["L-2", "shipment_not_delivered"],
      ["L-3", "awaiting_invoice"],
    ]);
    // IP-2: 11:00:00 - SHP-2 confirmed 07:10:00; IP-1 3,603,000 ms
    expect(u.cycleTime).toEqual([
      { day: at("00:00:00"), invoices: 2, p50Ms: binned(3_603_000), p95Ms: binned(13_800_000) },
    ]);
    const f = await getFailureSignatures(db, filter);
    expect(f.signatures.find((s) => s.errorCode === "INVOICE_PERIOD_CLOSED")).toMatchObject({
      transactions: 1,
      open: 0,
    });
    const k = await getKpis(db, filter);
    const manual = k.kpis.find((x) => x.id === "manual_intervention_rate")!.current;
    // completed in window now: SC-1,2,5,9 + IP-1,2 + OR-1,2 + SNAP-1 = 9 (SC-8 moved out); replayed: OR-2, IP-2
    expect(manual).toMatchObject({ numerator: 2, denominator: 9 });
  });
});

describe("background refresher", () => {
  it("recomputes dirty hours on its own and stops cleanly", async () => {
    const { startRollupRefresher } = await import("@/lib/jobs/rollups/rollup-refresher");
    const more = flow(
      "SC-10",
      "shipment_confirmation",
      "central",
      [
        ["received", "source_api", "10:30:00"],
        ["acknowledged", "target_api", "10:30:01"],
      ],
      { refs: { shipmentId: "SHP-10", loadId: "L-10" } },
    );
    expect((await ingest(key, { events: more })).status).toBe(200);
    let refreshed = 0;
    const job = startRollupRefresher(db.pool, { intervalMs: 20, onRefresh: (r) => (refreshed += r.hours) });
    await expect.poll(() => refreshed, { timeout: 5_000 }).toBeGreaterThan(0);
    await job.stop();
    const { rows } = await db.pool.query(
      `SELECT started FROM rollup_hourly r JOIN sites s ON s.id = r.site_id WHERE s.code = 'central' AND bucket = '2026-11-02T10:00:00Z'`,
    );
    expect(rows).toEqual([{ started: 1 }]);
  });
});
