import { describe, expect, it, vi } from "vitest";
import type { SimEvent } from "@/sim/event";
import { DEFAULT_SETTINGS, generateHistory, type ScenarioSettings, setScenario } from "@/sim/generate";
import { deriveSimTransaction, groupByTransaction } from "@/sim/inspect";
import { UOM_PROBLEM_SKUS } from "@/sim/master-data";

const HOUR = 3_600_000;
// Tuesday 2026-03-10, 09:12 business time (UTC-5): the customer master update.
const update = Date.parse("2026-03-10T14:12:00Z");
const fix = update + 2 * HOUR;

// Each run generates ~15,000 transactions (about a second on a slow machine). A few runs
// serve all the tests: one with every scenario on, each in its own window, and one with
// everything off; made lazily, so a filtered test run only pays for what it uses.
vi.setConfig({ testTimeout: 30_000 });

function run(settings: ScenarioSettings, from = update - HOUR, to = fix + 3 * HOUR): Map<string, SimEvent[]> {
  return groupByTransaction([...generateHistory({ from, to, seed: 11, settings, ratePerSecond: 0.5 })].flat());
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const quiet: ScenarioSettings = {
  ...DEFAULT_SETTINGS,
  uomMismatch: { ...DEFAULT_SETTINGS.uomMismatch, enabled: false },
  brokerTimeouts: { ...DEFAULT_SETTINGS.brokerTimeouts, enabled: false },
  shortPicks: { ...DEFAULT_SETTINGS.shortPicks, enabled: false },
  closedPeriodReturns: { ...DEFAULT_SETTINGS.closedPeriodReturns, enabled: false },
  southBatchDelays: { ...DEFAULT_SETTINGS.southBatchDelays, enabled: false },
};

const storm = { from: update, until: update + HOUR, probability: 0.5 };
const batchOutage = { from: update - HOUR, until: update + 2 * HOUR };
const busy: ScenarioSettings = {
  ...setScenario(setScenario(quiet, "customerMaster", true, update), "customerMaster", false, fix),
  uomMismatch: { ...DEFAULT_SETTINGS.uomMismatch, enabled: true },
  brokerTimeouts: { ...DEFAULT_SETTINGS.brokerTimeouts, enabled: true, probability: 0, storms: [storm] },
  shortPicks: { enabled: true, probability: 0.3 },
  southBatchDelays: {
    ...DEFAULT_SETTINGS.southBatchDelays,
    enabled: true,
    lateProbability: 0,
    skipProbability: 0,
    outages: [batchOutage],
  },
};

const quietRun = lazy(() => run(quiet));
const busyRun = lazy(() => run(busy));

const withError = (txs: Map<string, SimEvent[]>, code: string) =>
  [...txs.values()].filter((tx) => tx.some((e) => e.error?.code === code));
const ofWorkflow = (txs: Map<string, SimEvent[]>, workflow: string) =>
  [...txs.values()].filter((tx) => tx[0]!.workflow === workflow);
const at = (e: SimEvent) => Date.parse(e.occurredAt);

describe("scenario 1: customer master validation after a master-data update", () => {
  it("rejects east shipment confirmations at the ERP endpoint during the outage, and only then", () => {
    const txs = busyRun();
    const failed = withError(txs, "CUSTOMER_MASTER_INVALID");
    expect(failed.length).toBeGreaterThan(100);
    for (const tx of failed) {
      const err = tx.find((e) => e.error?.code === "CUSTOMER_MASTER_INVALID")!;
      expect(tx[0]!.workflow).toBe("shipment_confirmation");
      expect(tx[0]!.site).toBe("east");
      expect(err.layer).toBe("target_api");
      expect(err.target).toBe("erp-cloud");
      expect(err.error!.retryable).toBe(false);
      expect(at(err)).toBeGreaterThanOrEqual(update);
      expect(at(err)).toBeLessThan(fix + 5_000); // decided on arrival at the ERP, answered a moment later
      // it piles up: nothing retries it, a person has to replay it
      expect(deriveSimTransaction(tx).status).toBe("failed");
    }
    // most east shipment confirmations answered in the window fail (80% of customers are affected)
    const inWindow = ofWorkflow(txs, "shipment_confirmation").filter(
      (tx) => tx[0]!.site === "east" && at(tx.at(-1)!) >= update && at(tx.at(-1)!) < fix,
    );
    expect(failed.length / inWindow.length).toBeGreaterThan(0.6);
    // after the fix, east shipment confirmations go through again
    const after = ofWorkflow(txs, "shipment_confirmation").filter(
      (tx) => tx[0]!.site === "east" && at(tx[0]!) > fix && at(tx[0]!) < fix + 2 * HOUR,
    );
    expect(after.length).toBeGreaterThan(100);
    expect(after.filter((tx) => tx.at(-1)!.stage !== "acknowledged").map((tx) => tx[0]!.transactionId)).toEqual([]);
  });

  it("holds back the invoice of a rejected shipment (shipped, not invoiced) and shows the update that caused it", () => {
    const txs = busyRun();
    const invoiced = new Set(ofWorkflow(txs, "invoice_posting").map((tx) => tx[0]!.refs.shipmentId));
    for (const tx of withError(txs, "CUSTOMER_MASTER_INVALID")) expect(invoiced.has(tx[0]!.businessKey)).toBe(false);
    const sync = ofWorkflow(txs, "master_data_sync").filter(
      (tx) => at(tx[0]!) >= update && at(tx[0]!) < update + 60_000,
    );
    expect(sync.some((tx) => (tx[0]!.payload as { entity: string; records: number }).records === 1240)).toBe(true);
  });

  it("stays off when the scenario is off", () => {
    expect(withError(quietRun(), "CUSTOMER_MASTER_INVALID")).toHaveLength(0);
  });

  it("replays the pile after the fix when told to, and the invoices follow", () => {
    const replayed = run({
      ...quiet,
      customerMaster: {
        ...quiet.customerMaster,
        enabled: true,
        windows: [{ from: update, until: fix, replayAfterFixMs: 20 * 60_000 }],
      },
    });
    const failed = withError(replayed, "CUSTOMER_MASTER_INVALID");
    expect(failed.length).toBeGreaterThan(100);
    const invoiced = new Set(ofWorkflow(replayed, "invoice_posting").map((tx) => tx[0]!.refs.shipmentId));
    for (const tx of failed) {
      const replay = tx.find((e) => e.stage === "replay_requested")!;
      expect(at(replay)).toBeGreaterThanOrEqual(fix + 20 * 60_000);
      expect(tx.at(-1)).toMatchObject({ stage: "acknowledged", layer: "target_api", attempt: 2 });
      expect(deriveSimTransaction(tx).status).toBe("succeeded");
      expect(invoiced.has(tx[0]!.businessKey)).toBe(true);
    }
  });
});

describe("setScenario", () => {
  it("opens a window when switched on and closes it when switched off, keeping earlier windows", () => {
    const s1 = setScenario(quiet, "customerMaster", true, 1000);
    const s2 = setScenario(s1, "customerMaster", false, 2000);
    const s3 = setScenario(s2, "customerMaster", true, 3000);
    expect(s3.customerMaster.windows).toEqual([{ from: 1000, until: 2000 }, { from: 3000 }]);
    expect(setScenario(quiet, "customerMaster", false, 5000)).toBe(quiet);
    expect(setScenario(quiet, "uomMismatch", true, 1000)).toMatchObject({
      uomMismatch: { enabled: true, windows: [{ from: 1000 }] },
    });
    // an always-on scenario switched off was on until then
    expect(setScenario(DEFAULT_SETTINGS, "shortPicks", false, 7000).shortPicks.windows).toEqual([{ until: 7000 }]);
  });
});

describe("scenario 2: unit-of-measure mapping", () => {
  it("fails inventory adjustments of the listed SKUs in the middleware, and no others", () => {
    const txs = busyRun();
    const failed = withError(txs, "UOM_MAPPING_MISSING");
    expect(failed.length).toBeGreaterThan(20);
    for (const tx of failed) {
      expect(tx[0]!.workflow).toBe("inventory_adjustment");
      expect(UOM_PROBLEM_SKUS).toContain(tx[0]!.refs.sku);
      expect(tx.at(-1)).toMatchObject({ stage: "failed", layer: "middleware" });
      expect(deriveSimTransaction(tx)).toMatchObject({ status: "failed", failedLayer: "middleware" });
    }
    // every listed SKU's adjustment that reached the middleware failed there
    const listed = ofWorkflow(txs, "inventory_adjustment").filter(
      (tx) => UOM_PROBLEM_SKUS.includes(tx[0]!.refs.sku!) && tx.length > 1,
    );
    expect(failed.length).toBe(listed.length);
    expect(withError(quietRun(), "UOM_MAPPING_MISSING")).toHaveLength(0);
  });
});

describe("scenario 3: broker timeouts", () => {
  it("retries automatically and mostly succeeds; the rest are dead-lettered", () => {
    const hit = withError(busyRun(), "BROKER_TIMEOUT");
    expect(hit.length).toBeGreaterThan(300);
    let recovered = 0;
    for (const tx of hit) {
      const first = tx.find((e) => e.stage === "failed")!;
      expect(first.layer).toBe("broker");
      expect(at(first)).toBeGreaterThanOrEqual(storm.from);
      expect(at(first)).toBeLessThan(storm.until + 60_000); // a publish started in the storm times out 30 s later
      expect(first.error!.retryable).toBe(true);
      expect(tx[tx.indexOf(first) + 1]!.stage).toBe("retry_scheduled");
      if (tx.some((e) => e.stage === "published" && e.attempt! >= 2)) recovered++;
      else if (tx.at(-1)!.stage === "dead_lettered") expect(deriveSimTransaction(tx).status).toBe("dead_lettered");
    }
    expect(recovered / hit.length).toBeGreaterThan(0.9);
    expect(hit.some((tx) => tx.at(-1)!.stage === "dead_lettered")).toBe(true);
    expect(withError(quietRun(), "BROKER_TIMEOUT")).toHaveLength(0);
  });
});

describe("scenario 4: short picks", () => {
  it("backorders the missing quantity and confirms a partial shipment", () => {
    const txs = busyRun();
    const byKey = new Map([...txs.values()].map((tx) => [tx[0]!.businessKey, tx[0]!]));
    const shipments = ofWorkflow(txs, "shipment_confirmation").map((tx) => tx[0]!);
    const partial = shipments.filter((s) => s.refs.backorderId);
    expect(partial.length / shipments.length).toBeGreaterThan(0.15);
    for (const s of partial) {
      const order = byKey.get(s.refs.orderId!)!;
      const pick = byKey.get(`PCK-${s.businessKey.slice(4)}`)!;
      expect(s.quantity!).toBeLessThan(order.quantity!);
      expect(s.quantity!).toBeGreaterThan(0);
      expect(pick.quantity).toBe(s.quantity);
      expect(pick.refs.backorderId).toBe(s.refs.backorderId);
      expect(Number(s.value!.amount)).toBeLessThan(Number(order.value!.amount));
      expect(s.payload).toMatchObject({ partial: true, backorderedQty: order.quantity! - s.quantity! });
    }
    for (const s of shipments.filter((x) => !x.refs.backorderId))
      expect(s.quantity).toBe(byKey.get(s.refs.orderId!)!.quantity);
  });

  it("ships complete orders when the scenario is off", () => {
    const shipments = ofWorkflow(quietRun(), "shipment_confirmation");
    expect(shipments.length).toBeGreaterThan(500);
    expect(shipments.filter((tx) => tx[0]!.refs.backorderId)).toEqual([]);
  });
});

describe("scenario 5: returns in a closed period", () => {
  it("rejects returns against an invoice of an earlier month at the ERP endpoint", () => {
    // early April: many returns refer to March invoices
    const from = Date.parse("2026-04-02T12:00:00Z");
    const txs = run(
      { ...quiet, closedPeriodReturns: { enabled: true, probability: 0.5, resolvedByHandAfterMs: null } },
      from,
      from + 6 * HOUR,
    );
    const rejected = withError(txs, "PERIOD_CLOSED");
    expect(rejected.length).toBeGreaterThan(20);
    for (const tx of rejected) {
      const err = tx.find((e) => e.error)!;
      expect(tx[0]!.workflow).toBe("returns");
      expect(err).toMatchObject({ layer: "target_api", error: { retryable: false } });
      expect(err.error!.message).toMatch(/^Posting period 2026-0[23] is closed/);
      expect(deriveSimTransaction(tx).status).toBe("failed");
    }
    expect(withError(quietRun(), "PERIOD_CLOSED")).toHaveLength(0);
  });
});

describe("scenario 6: the legacy south site", () => {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const latencies = (txs: Map<string, SimEvent[]>, site: string) =>
    [...txs.values()]
      .filter((tx) => tx[0]!.site === site && tx[0]!.source.startsWith("wms") && tx.at(-1)!.stage === "acknowledged")
      .map((tx) => at(tx.at(-1)!) - at(tx[0]!));

  it("takes hours from the WMS to the ERP, while east takes seconds", () => {
    for (const txs of [busyRun(), quietRun()]) {
      expect(median(latencies(txs, "south"))).toBeGreaterThan(HOUR);
      expect(median(latencies(txs, "east"))).toBeLessThan(10_000);
    }
  });

  it("hands records over in 4-hourly batches, and none during a batch outage", () => {
    const handovers = [...busyRun().values()]
      .filter((tx) => tx[0]!.source === "wms-legacy-south" && tx[1])
      .map((tx) => at(tx[1]!));
    expect(handovers.length).toBeGreaterThan(500);
    const inOutage = handovers.filter((t) => t >= batchOutage.from && t < batchOutage.until);
    // business time 01:00, 05:00, 09:00 ... plus a few minutes of transfer and parsing
    const offCycle = handovers.filter(
      (t) => (((t - 5 * HOUR - HOUR) % (4 * HOUR)) + 4 * HOUR) % (4 * HOUR) >= 12 * 60_000,
    );
    expect({ inOutage, offCycle }).toEqual({ inOutage: [], offCycle: [] });
  });
});
