import { describe, expect, it } from "vitest";
import { formatDurationTick } from "@/components/charts/axis-format";
import { failureTransactionsHref, signatureError } from "@/components/failures/failure-text";
import { stuckGroupKey, stuckGroupTransactionsHref } from "@/components/stuck/stuck-group-href";
import { formatMinutes } from "@/components/ui/format";
import { shapeCycleTime } from "@/lib/charts/shape-cycle-time";
import { moneyCell } from "@/lib/csv/money-cell";
import { AppError } from "@/lib/errors";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { serialize } from "@/lib/queries/dashboard-views/serialized";
import { viewFilter } from "@/lib/queries/dashboard-views/view-filter";

const day = (d: string) => `2026-11-${d}T00:00:00.000Z`;

describe("shapeCycleTime", () => {
  it("has one point per UTC day of the window, with gaps on days without invoices", () => {
    const data = shapeCycleTime(
      [
        { day: day("02"), invoices: 3, p50Ms: 3_600_000, p95Ms: 7_200_000 },
        { day: day("04"), invoices: 1, p50Ms: 1_800_000, p95Ms: 1_800_000 },
      ],
      new Date("2026-11-01T18:00:00Z"),
      new Date("2026-11-04T06:00:00Z"),
    );
    expect(data.points.map((p) => [new Date(p.t).toISOString().slice(0, 10), p.invoices, p.p50Ms, p.p95Ms])).toEqual([
      ["2026-11-01", 0, null, null],
      ["2026-11-02", 3, 3_600_000, 7_200_000],
      ["2026-11-03", 0, null, null],
      ["2026-11-04", 1, 1_800_000, 1_800_000],
    ]);
    expect(data.isEmpty).toBe(false);
  });

  it("is empty without any invoice, and one day is one point", () => {
    const one = shapeCycleTime(
      [{ day: day("02"), invoices: 1, p50Ms: 60_000, p95Ms: 60_000 }],
      new Date(day("02")),
      new Date(day("02")),
    );
    expect(one.points).toHaveLength(1);
    expect(one.isEmpty).toBe(false);
    const none = shapeCycleTime([], new Date(day("01")), new Date(day("03")));
    expect(none.points).toHaveLength(3);
    expect(none.isEmpty).toBe(true);
  });
});

describe("moneyCell", () => {
  it("keeps currencies apart and amounts exact", () => {
    expect(
      moneyCell([
        { currency: "EUR", amount: "50.0000" },
        { currency: "USD", amount: "1200.5000" },
      ]),
    ).toBe("50.0000 EUR; 1200.5000 USD");
    expect(moneyCell([])).toBe("");
  });
});

describe("serialize", () => {
  it("turns dates into ISO strings, deep inside lists and objects", () => {
    const out = serialize({
      at: new Date("2026-11-02T08:00:00Z"),
      list: [{ seen: new Date("2026-11-02T09:00:00Z"), n: 1 }],
      none: null,
    });
    expect(out).toEqual({
      at: "2026-11-02T08:00:00.000Z",
      list: [{ seen: "2026-11-02T09:00:00.000Z", n: 1 }],
      none: null,
    });
  });
});

describe("viewFilter", () => {
  const now = new Date("2026-11-02T12:00:00Z");
  it("turns the URL filters into the read models' filter; no selection means all", () => {
    expect(viewFilter(loadDashboardParams({ range: "1h", site: "east,south" }), now)).toEqual({
      from: new Date("2026-11-02T11:00:00Z"),
      to: now,
      siteCodes: ["east", "south"],
      workflowNames: undefined,
    });
  });

  it("refuses a range longer than the read models allow with a 400", () => {
    const params = loadDashboardParams({ range: "custom", from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" });
    expect(() => viewFilter(params, now)).toThrowError(AppError);
    try {
      viewFilter(params, now);
    } catch (error) {
      expect((error as AppError).status).toBe(400);
    }
  });
});

describe("links from a group to its transactions", () => {
  const failed = {
    workflow: "shipment_confirmation",
    site: "east",
    errorSignature: "target_api|erp-cloud|CUSTOMER_MASTER_INVALID Customer <id> failed validation",
    cause: {
      status: "failed" as const,
      layer: "target_api" as const,
      targetSystem: "erp-cloud",
      errorCode: "CUSTOMER_MASTER_INVALID",
      errorMessage: "x",
    },
  };

  it("filters a failed group by workflow, site, status and error signature", () => {
    const url = new URL(stuckGroupTransactionsHref(failed), "http://x");
    expect(url.pathname).toBe("/transactions");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      workflow: "shipment_confirmation",
      status: "failed",
      site: "east",
      errorSignature: failed.errorSignature,
    });
  });

  it("leaves out what a waiting group does not have", () => {
    const waiting = {
      ...failed,
      site: null,
      errorSignature: null,
      cause: { ...failed.cause, status: "in_flight" as const, errorCode: null },
    };
    expect(stuckGroupTransactionsHref(waiting)).toBe("/transactions?workflow=shipment_confirmation&status=in_flight");
    expect(stuckGroupKey(waiting)).not.toBe(stuckGroupKey(failed));
  });

  it("drills down from a failure signature", () => {
    expect(failureTransactionsHref("broker|-|TIMEOUT")).toBe("/transactions?errorSignature=broker%7C-%7CTIMEOUT");
  });
});

describe("signatureError", () => {
  it("splits the code off the error part of a signature", () => {
    expect(
      signatureError(
        "target_api|erp-cloud|CUSTOMER_MASTER_INVALID Customer <id> failed validation",
        "CUSTOMER_MASTER_INVALID",
      ),
    ).toEqual({ code: "CUSTOMER_MASTER_INVALID", message: "Customer <id> failed validation" });
  });

  it("keeps a message without a code, including any | inside it", () => {
    expect(signatureError("middleware|-|bad <str> | mapping", null)).toEqual({
      code: null,
      message: "bad <str> | mapping",
    });
  });
});

describe("duration labels", () => {
  it("gives a y axis tick one short unit", () => {
    expect(
      [0, 42_000, 45 * 60_000, 2.5 * 3_600_000, 4 * 3_600_000 + 46 * 60_000, 3 * 86_400_000].map(formatDurationTick),
    ).toEqual(["0", "42 s", "45 min", "2.5 h", "4.8 h", "3 d"]);
  });

  it("says an SLA or a wait the way people do", () => {
    expect([20, 60, 90, 240, 1385, 2880, 4470].map(formatMinutes)).toEqual([
      "20 min",
      "1 h",
      "1 h 30 min",
      "4 h",
      "23 h 5 min",
      "2 d",
      "3 d 2 h",
    ]);
  });
});
