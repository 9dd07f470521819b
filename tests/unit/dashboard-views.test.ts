import { describe, expect, it } from "vitest";
import { formatDurationTick } from "@/components/charts/duration-tick";
import { shapeFailuresByLayer } from "@/lib/charts/shape-failures-by-layer";
import { shapeLatencyPercentiles, unitWindow } from "@/lib/charts/shape-latency-percentiles";
import { toCsv } from "@/lib/csv/csv";
import { FAILURE_SIGNATURE_CSV_COLUMNS } from "@/lib/csv/failure-signature-columns";
import { KPI_CSV_COLUMNS } from "@/lib/csv/kpi-columns";
import { moneyCell } from "@/lib/csv/money-cell";
import { STUCK_TRANSACTION_CSV_COLUMNS } from "@/lib/csv/stuck-transaction-columns";
import { KPI_DEFINITIONS } from "@/lib/domain/dashboard/kpis";
import { change } from "@/lib/domain/dashboard/rates";
import { AppError } from "@/lib/errors";
import { loadDashboardParams } from "@/lib/filters/dashboard-params";
import { formatKpiBasis, formatKpiFigure, formatRate } from "@/lib/format/figures";
import type { Overview } from "@/lib/queries/dashboard/get-overview";
import type { WorkflowDetail } from "@/lib/queries/dashboard/get-workflow-detail";
import { describeChange, formatSignedPercent } from "@/lib/queries/dashboard-views/describe-change";
import { errorSignatureHref } from "@/lib/queries/dashboard-views/error-signature-href";
import { toKpisView } from "@/lib/queries/dashboard-views/load-kpis";
import { toOverviewView } from "@/lib/queries/dashboard-views/load-overview";
import { toWorkflowDetailView } from "@/lib/queries/dashboard-views/load-workflow-detail";
import { viewFilter } from "@/lib/queries/dashboard-views/view-filter";
import {
  dashboardViewKey,
  dashboardViewUrl,
  OVERVIEW_VIEW,
  workflowDetailView,
  workflowPageHref,
} from "@/lib/react-query/dashboard-views";

const HOUR = 3_600_000;
const FROM = new Date("2026-11-02T00:00:00Z");
const at = (hours: number) => new Date(FROM.getTime() + hours * HOUR);

describe("describeChange", () => {
  it("colours by whether the move is good news for the figure", () => {
    expect(describeChange(change(0.2, 0.1), "lower")).toEqual({ direction: "up", tone: "bad", text: "+100%" });
    expect(describeChange(change(0.05, 0.1), "lower")).toEqual({ direction: "down", tone: "good", text: "-50%" });
    expect(describeChange(change(0.99, 0.9), "higher")).toMatchObject({ direction: "up", tone: "good", text: "+10%" });
    expect(describeChange(change(120, 100), "neither")).toMatchObject({
      direction: "up",
      tone: "neutral",
      text: "+20%",
    });
  });

  it("keeps no data, unchanged and from-zero apart", () => {
    expect(describeChange(change(5, null), "lower")).toMatchObject({ direction: "unknown", text: "—" });
    expect(describeChange(change(100, 100.2), "lower")).toMatchObject({
      direction: "flat",
      tone: "neutral",
      text: "0%",
    });
    expect(describeChange(change(0, 0), "lower")).toMatchObject({ direction: "flat", text: "0%" });
    expect(describeChange(change(3, 0), "lower")).toEqual({ direction: "up", tone: "bad", text: "new" });
  });

  it("prints one decimal only below 10%", () => {
    expect(formatSignedPercent(0.0345)).toBe("+3.5%");
    expect(formatSignedPercent(0.03)).toBe("+3%");
    expect(formatSignedPercent(-0.1234)).toBe("-12%");
    expect(formatSignedPercent(-2.5)).toBe("-250%");
  });
});

describe("figures", () => {
  it("formats rates with no data apart from zero", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(0.0004)).toBe("<0.1%");
    expect(formatRate(0.0412)).toBe("4.1%");
    expect(formatRate(0.25)).toBe("25%");
  });

  it("formats KPI figures and their basis", () => {
    expect(formatKpiFigure({ kind: "duration", count: 3, p50Ms: 4000, p95Ms: 90_000 })).toBe(
      "p50 4 s · p95 1 min 30 s",
    );
    expect(formatKpiFigure({ kind: "duration", count: 0, p50Ms: null, p95Ms: null })).toBe("—");
    expect(formatKpiFigure({ kind: "rate", value: 0.5, numerator: 1, denominator: 2, firstAttemptValue: 0.25 })).toBe(
      "50% · first attempt 25%",
    );
    expect(formatKpiFigure({ kind: "rate", value: null, numerator: 0, denominator: 0 })).toBe("—");
    expect(formatKpiBasis({ kind: "rate", value: 0.5, numerator: 1200, denominator: 2400 })).toBe("1,200 of 2,400");
    expect(formatKpiBasis({ kind: "duration", count: 7, p50Ms: 1, p95Ms: 1 })).toBe("7 measured");
  });
});

describe("shapeLatencyPercentiles", () => {
  const window = { from: FROM, to: at(3.999), bucketMs: HOUR };

  it("gives every bucket, gaps where nothing completed, and counts p95 over the SLA", () => {
    const d = shapeLatencyPercentiles(
      [
        { at: at(0), p50Ms: 100, p95Ms: 900, p99Ms: 1500 },
        { at: at(2).toISOString(), p50Ms: 100, p95Ms: 400, p99Ms: 600 },
      ],
      window,
      500,
    );
    expect(d.points.map((p) => p.p95)).toEqual([900, null, 400, null]);
    expect(d.bucketsOverSla).toBe(1);
    expect(d.yMax).toBeCloseTo(1650);
    expect(d.isEmpty).toBe(false);
  });

  it("keeps the SLA in view when everything is far below it, and is empty without data", () => {
    expect(shapeLatencyPercentiles([{ at: at(1), p50Ms: 10, p95Ms: 20, p99Ms: 30 }], window, 60_000).yMax).toBeCloseTo(
      66_000,
    );
    expect(shapeLatencyPercentiles([], window, 60_000).isEmpty).toBe(true);
  });

  it("reads an exclusive window end as the last bucket before it", () => {
    const w = unitWindow({ from: FROM.toISOString(), to: at(24).toISOString() }, "hour");
    expect(shapeLatencyPercentiles([], w, null).points).toHaveLength(24);
    expect(unitWindow({ from: FROM, to: at(72) }, "day").bucketMs).toBe(24 * HOUR);
  });
});

describe("shapeFailuresByLayer", () => {
  const window = { from: FROM, to: at(2.5), bucketMs: HOUR };
  const layers = (l: Partial<Record<"source_api" | "middleware" | "broker" | "target_api", number>>) => ({
    source_api: 0,
    middleware: 0,
    broker: 0,
    target_api: 0,
    ...l,
  });

  it("stacks failures by layer per bucket, zeros for quiet buckets, only layers that failed", () => {
    const d = shapeFailuresByLayer(
      [
        { at: at(0), failedByLayer: layers({ target_api: 2, broker: 1 }) },
        { at: at(2), failedByLayer: layers({ target_api: 4 }) },
        { at: at(7), failedByLayer: layers({ middleware: 9 }) },
      ],
      window,
    );
    expect(d.points.map((p) => p.total)).toEqual([3, 0, 4]);
    expect(d.layers).toEqual(["broker", "target_api"]);
    expect(d.total).toBe(7);
  });

  it("is empty when nothing failed", () => {
    expect(shapeFailuresByLayer([{ at: at(1), failedByLayer: layers({}) }], window).isEmpty).toBe(true);
  });
});

describe("views sent to the browser", () => {
  const overview: Overview = {
    window: { from: at(0), to: at(2) },
    previousWindow: { from: at(-2), to: at(0) },
    cards: [
      {
        workflow: "shipment_confirmation",
        slaMinutes: 20,
        throughput: 4,
        failureRate: 0.5,
        p50Ms: 100,
        p95Ms: 200,
        stuck: 2,
        valueAtRisk: [
          { currency: "EUR", amount: "50.0000" },
          { currency: "USD", amount: "500.0000" },
        ],
        sparkline: [{ at: at(0), started: 3, failed: 1 }],
        previous: { throughput: 2, failureRate: 0, p50Ms: null, p95Ms: null },
        change: {
          throughput: change(4, 2),
          failureRate: change(0.5, 0),
          p50Ms: change(100, null),
          p95Ms: change(200, null),
        },
      },
    ],
    updatedAt: at(2),
  };

  it("the overview keeps values per currency for those who may see them, and drops them for the rest", () => {
    const seen = toOverviewView(overview, true);
    expect(seen.cards[0]!.valueAtRisk).toEqual([
      { currency: "EUR", amount: "50.0000" },
      { currency: "USD", amount: "500.0000" },
    ]);
    expect(seen.cards[0]!.sparkline[0]!.at).toBe(at(0).toISOString());
    expect(seen.window.from).toBe(FROM.toISOString());
    const hidden = toOverviewView(overview, false);
    expect(hidden.cards[0]!.valueAtRisk).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain("500.0000");
  });

  it("the workflow detail drops stuck amounts and error values for roles without values", () => {
    const detail: WorkflowDetail = {
      workflow: "shipment_confirmation",
      slaMinutes: 20,
      siteSlas: [],
      window: { from: at(0), to: at(2) },
      unit: "hour",
      latency: [],
      throughput: [],
      topErrors: [
        {
          errorSignature: "target_api|erp-cloud|X",
          layer: "target_api",
          targetSystem: "erp-cloud",
          errorCode: "X",
          transactions: 1,
          open: 1,
          value: [{ currency: "USD", amount: "777.2500" }],
          firstSeen: at(0),
          lastSeen: at(1),
          workflows: ["shipment_confirmation"],
          sites: ["east"],
          series: [],
        },
      ],
      stuck: [
        {
          id: "u1",
          externalId: "TX-1",
          businessKey: "SHP-1",
          site: "east",
          status: "failed",
          currentLayer: "target_api",
          errorCode: "X",
          errorMessage: "m",
          lastEventAt: at(1),
          valueAmount: "777.2500",
          valueCurrency: "USD",
        },
      ],
      updatedAt: at(2),
    };
    const hidden = toWorkflowDetailView(detail, false);
    expect(hidden.valuesHidden).toBe(true);
    expect(hidden.stuck[0]).toMatchObject({ valueAmount: null, valueCurrency: null, businessKey: "SHP-1" });
    expect(hidden.topErrors[0]!.value).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain("777");
    expect(toWorkflowDetailView(detail, true).stuck[0]!.valueAmount).toBe("777.2500");
  });

  it("the KPI view is the read model with dates as strings", () => {
    const view = toKpisView({
      window: { from: at(0), to: at(1) },
      previousWindow: { from: at(-1), to: at(0) },
      kpis: [],
      updatedAt: at(1),
    });
    expect(view.previousWindow.to).toBe(FROM.toISOString());
  });
});

describe("CSV of the dashboard lists", () => {
  it("money stays one entry per currency, hidden values stay empty", () => {
    expect(
      moneyCell([
        { currency: "EUR", amount: "50.0000" },
        { currency: "USD", amount: "1.5000" },
      ]),
    ).toBe("50.0000 EUR; 1.5000 USD");
    expect(moneyCell(null)).toBeNull();
    expect(moneyCell([])).toBe("");
  });

  it("stuck transactions, error signatures and KPIs have a header and one row each", () => {
    const stuck = toCsv(STUCK_TRANSACTION_CSV_COLUMNS, [
      {
        id: "u1",
        externalId: "TX-1",
        businessKey: "SHP-1",
        site: "east",
        status: "failed",
        currentLayer: "target_api",
        errorCode: "X",
        errorMessage: "=cmd",
        lastEventAt: "2026-11-02T01:00:00.000Z",
        valueAmount: null,
        valueCurrency: null,
      },
    ]);
    expect(stuck.split("\r\n")[0]).toBe(
      "business_key,transaction_id,site,status,layer,error_code,error_message,last_progress_utc,value_amount,value_currency,crossdock_id",
    );
    expect(stuck.split("\r\n")[1]).toBe("SHP-1,TX-1,east,failed,target_api,X,'=cmd,2026-11-02T01:00:00.000Z,,,u1");
    const errors = toCsv(FAILURE_SIGNATURE_CSV_COLUMNS, [
      {
        errorSignature: "target_api|erp-cloud|X m",
        layer: "target_api",
        targetSystem: "erp-cloud",
        errorCode: "X",
        transactions: 3,
        open: 2,
        value: [{ currency: "USD", amount: "1.0000" }],
        firstSeen: "a",
        lastSeen: "b",
        workflows: [],
        sites: ["east", "south"],
        series: [],
      },
    ]);
    expect(errors.split("\r\n")[0]).toBe(
      "layer,target,error_code,transactions,open,value,first_seen_utc,last_seen_utc,workflows,sites,error_signature",
    );
    expect(errors.split("\r\n")[1]).toBe(
      "target_api,erp-cloud,X,3,2,1.0000 USD,a,b,,east; south,target_api|erp-cloud|X m",
    );
    const def = KPI_DEFINITIONS.integration_failure_rate;
    const kpis = toCsv(KPI_CSV_COLUMNS, [
      {
        ...def,
        current: { kind: "rate", value: 0.5, numerator: 1, denominator: 2, firstAttemptValue: 0.5 },
        previous: { kind: "rate", value: 0.25, numerator: 1, denominator: 4 },
        trend: change(0.5, 0.25),
      },
    ]);
    expect(kpis.split("\r\n")[1]).toContain(
      "Integration failure rate,50% · first attempt 50%,1 of 2,25%,0.5,0.25,1,lower,",
    );
  });
});

describe("links, keys and filters", () => {
  const params = loadDashboardParams({ range: "7d", site: "south,east", workflow: "returns" });

  it("the workflow page and its query ignore the workflow filter; the overview keeps it", () => {
    expect(dashboardViewUrl(workflowDetailView("shipment_confirmation"), params)).toBe(
      "/api/dashboard/workflows/shipment_confirmation?range=7d&site=east,south",
    );
    expect(workflowPageHref("shipment_confirmation", params)).toBe(
      "/workflows/shipment_confirmation?range=7d&site=east,south",
    );
    expect(dashboardViewKey(workflowDetailView("x"), params)).toEqual(
      dashboardViewKey(workflowDetailView("x"), { ...params, workflow: [] }),
    );
    expect(dashboardViewUrl(OVERVIEW_VIEW, params)).toBe(
      "/api/dashboard/overview?range=7d&site=east,south&workflow=returns",
    );
    expect(dashboardViewKey(OVERVIEW_VIEW, params)).not.toEqual(
      dashboardViewKey(OVERVIEW_VIEW, { ...params, workflow: [] }),
    );
  });

  it("an error signature links to the transaction list filtered by it", () => {
    expect(errorSignatureHref("returns", "target_api|erp-cloud|X a&b")).toBe(
      "/transactions?workflow=returns&errorSignature=target_api%7Cerp-cloud%7CX+a%26b",
    );
  });

  it("URL filters become the read models' filter; a custom range the read models refuse is a 400", () => {
    const now = new Date("2026-11-02T12:00:00Z");
    expect(viewFilter(params, now)).toEqual({
      from: new Date("2026-10-26T12:00:00Z"),
      to: now,
      siteCodes: ["east", "south"],
      workflowNames: ["returns"],
    });
    expect(viewFilter(loadDashboardParams({}), now)).toEqual({ from: new Date("2026-11-01T12:00:00Z"), to: now });
    const tooLong = loadDashboardParams({ range: "custom", from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" });
    expect(() => viewFilter(tooLong, now)).toThrow(AppError);
  });
});

describe("formatDurationTick", () => {
  it("uses one short unit per tick", () => {
    expect(formatDurationTick(0)).toBe("0 ms");
    expect(formatDurationTick(450)).toBe("450 ms");
    expect(formatDurationTick(12_000)).toBe("12 s");
    expect(formatDurationTick(90 * 60_000)).toBe("90 min");
    expect(formatDurationTick(4.6 * 3_600_000)).toBe("4.6 h");
    expect(formatDurationTick(22_000_000)).toBe("6.1 h");
    expect(formatDurationTick(60 * 3_600_000)).toBe("2.5 d");
  });
});
