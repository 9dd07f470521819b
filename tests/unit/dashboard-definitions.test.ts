import { describe, expect, it } from "vitest";
import { countAgreeing, snapshotRows } from "@/lib/domain/dashboard/inventory-accuracy";
import { computeKpis, headline, KPI_DEFINITIONS, KPI_IDS } from "@/lib/domain/dashboard/kpis";
import { mergeMoney, sumByCurrency } from "@/lib/domain/dashboard/money";
import { change, previousPeriod, rate } from "@/lib/domain/dashboard/rates";
import { compareStuckImpact, isStuck, stuckSentence, workflowNoun } from "@/lib/domain/dashboard/stuck";

describe("value per currency", () => {
  it("adds exactly per currency and never across currencies", () => {
    expect(
      sumByCurrency([
        { amount: "0.1", currency: "USD" },
        { amount: "0.2", currency: "USD" },
        { amount: "1200.5", currency: "EUR" },
        { amount: "-0.0001", currency: "EUR" },
        { amount: null, currency: "USD" },
        { amount: "5", currency: null },
      ]),
    ).toEqual([
      { currency: "EUR", amount: "1200.4999" },
      { currency: "USD", amount: "0.3000" },
    ]);
    expect(
      mergeMoney([[{ currency: "USD", amount: "99999999999999.9999" }], [{ currency: "USD", amount: "0.0001" }]]),
    ).toEqual([{ currency: "USD", amount: "100000000000000.0000" }]);
  });
});

describe("rates and changes", () => {
  it("keeps an empty period unknown rather than 0%", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeNull();
    expect(change(12, 8)).toEqual({ current: 12, previous: 8, delta: 4, relative: 0.5 });
    expect(change(3, 0)).toEqual({ current: 3, previous: 0, delta: 3, relative: null });
    expect(change(null, 5).delta).toBeNull();
    expect(previousPeriod(new Date("2026-11-02T06:00Z"), new Date("2026-11-02T12:00Z"))).toEqual({
      from: new Date("2026-11-02T00:00Z"),
      to: new Date("2026-11-02T06:00Z"),
    });
  });
});

describe("stuck", () => {
  const now = new Date("2026-11-02T12:00:00Z");
  it("is not final and without progress for longer than the SLA", () => {
    expect(isStuck({ status: "failed", lastEventAt: new Date("2026-11-02T11:39:59Z") }, 20, now)).toBe(true);
    expect(isStuck({ status: "failed", lastEventAt: new Date("2026-11-02T11:40:00Z") }, 20, now)).toBe(false);
    expect(isStuck({ status: "succeeded", lastEventAt: new Date("2026-11-01T00:00:00Z") }, 20, now)).toBe(false);
    expect(isStuck({ status: "in_flight", lastEventAt: new Date("2026-11-01T00:00:00Z") }, 20, now)).toBe(true);
  });

  it("says what is stuck, where, since when and why in one sentence", () => {
    const cause = {
      status: "failed" as const,
      layer: "target_api" as const,
      targetSystem: "erp-cloud",
      errorCode: "CUSTOMER_MASTER_INVALID",
      errorMessage: "customer master validation failed",
    };
    expect(
      stuckSentence(
        {
          count: 42,
          workflow: "shipment_confirmation",
          site: "east",
          oldestSince: new Date("2026-11-02T09:12:00Z"),
          cause,
        },
        now,
      ),
    ).toBe(
      "42 shipment confirmations from east waiting since 09:12 UTC - the erp-cloud endpoint rejected them: customer master validation failed (CUSTOMER_MASTER_INVALID)",
    );
    expect(
      stuckSentence(
        {
          count: 1,
          workflow: "returns",
          site: null,
          oldestSince: new Date("2026-11-01T23:05:00Z"),
          cause: { status: "in_flight", layer: "middleware", targetSystem: null, errorCode: null, errorMessage: null },
        },
        now,
      ),
    ).toBe("1 returns waiting since 2026-11-01 23:05 UTC - no progress in the middleware (in flight)");
    expect(workflowNoun("order_release", 2)).toBe("order releases");
  });

  it("orders groups by the money they block, then by work waiting, then the oldest", () => {
    const g = (waitingMinutes: number, amount: string | null, since = "2026-11-02T09:00Z") => ({
      count: 1,
      waitingMinutes,
      oldestSince: new Date(since),
      value: amount ? [{ currency: "USD", amount }] : [],
    });
    const sorted = [
      g(1000, null),
      g(10, "1.0000"),
      g(500, "1.0000"),
      g(500, "1.0000", "2026-11-02T08:00Z"),
      g(5, "650000.0000"),
    ].sort(compareStuckImpact);
    expect(sorted.map((x) => [x.waitingMinutes, x.value[0]?.amount ?? null, x.oldestSince.getUTCHours()])).toEqual([
      [5, "650000.0000", 9],
      [500, "1.0000", 8],
      [500, "1.0000", 9],
      [10, "1.0000", 9],
      [1000, null, 9],
    ]);
  });

  it("puts work that needs a person before work still moving, whatever the value", () => {
    const g = (status: string, amount: string) => ({
      count: 1,
      waitingMinutes: 1,
      oldestSince: new Date("2026-11-02T09:00Z"),
      value: [{ currency: "USD", amount }],
      cause: { status },
    });
    const moving = g("in_flight", "900000.0000");
    const rejected = g("failed", "500.0000");
    const deadLettered = g("dead_lettered", "10.0000");
    expect([moving, deadLettered, rejected].sort(compareStuckImpact)).toEqual([rejected, deadLettered, moving]);
  });

  it("ranks a group by its largest amount in one currency, never a sum across currencies", () => {
    const g = (value: { currency: string; amount: string }[]) => ({
      count: 1,
      waitingMinutes: 1,
      oldestSince: new Date("2026-11-02T09:00Z"),
      value,
    });
    const twoSmall = g([
      { currency: "USD", amount: "600.0000" },
      { currency: "CAD", amount: "600.0000" },
    ]);
    const oneLarger = g([{ currency: "USD", amount: "1000.0000" }]);
    expect([twoSmall, oneLarger].sort(compareStuckImpact)[0]).toBe(oneLarger);
  });
});

describe("KPIs", () => {
  it("defines all seven with a one-line definition", () => {
    expect(KPI_IDS).toHaveLength(7);
    for (const id of KPI_IDS) expect(KPI_DEFINITIONS[id].definition.length).toBeGreaterThan(20);
  });

  it("computes rates and durations from counts and histograms", () => {
    const k = computeKpis({
      orderReleaseLatency: [{ bin: 10, count: 3 }],
      shipmentToInvoice: [],
      resolution: [],
      started: 20,
      everFailed: 5,
      firstAttemptFailed: 4,
      completed: 16,
      manual: 2,
      inventory: countAgreeing(
        snapshotRows({ rows: [{ wmsOnHand: 1, erpOnHand: 1 }, { wmsOnHand: 1, erpOnHand: 3 }, { sku: "x" }] }),
      ),
      onboardMs: [300, 100, 200],
    });
    expect(k.integration_failure_rate).toEqual({
      kind: "rate",
      value: 0.25,
      numerator: 5,
      denominator: 20,
      firstAttemptValue: 0.2,
    });
    expect(k.manual_intervention_rate).toMatchObject({ value: 0.125 });
    expect(k.inventory_accuracy).toMatchObject({ value: 0.5, denominator: 2 });
    expect(k.shipment_to_invoice_cycle_time).toEqual({ kind: "duration", count: 0, p50Ms: null, p95Ms: null });
    expect(k.time_to_onboard).toEqual({ kind: "duration", count: 3, p50Ms: 200, p95Ms: 300 });
    expect(headline(k.order_release_latency)).toBe(
      k.order_release_latency.kind === "duration" ? k.order_release_latency.p50Ms : -1,
    );
    expect(countAgreeing([{ wmsOnHand: 10, erpOnHand: 12 }], 2).agreeing).toBe(1);
    expect(snapshotRows("[redacted]")).toEqual([]);
  });
});
