import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));

import { GET as failuresCsv } from "@/app/api/dashboard/failures/export/route";
import { GET as failuresApi } from "@/app/api/dashboard/failures/route";
import { GET as stuckCsv } from "@/app/api/dashboard/stuck/export/route";
import { GET as stuckApi } from "@/app/api/dashboard/stuck/route";
import { GET as unpostedCsv } from "@/app/api/dashboard/unposted-loads/export/route";
import { GET as unpostedApi } from "@/app/api/dashboard/unposted-loads/route";
import { GET as exportTransactions } from "@/app/api/transactions/export/route";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { ingest, newApiKey } from "../helpers/api";
import { dashboardFixture } from "../helpers/dashboard-fixture";
import { useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

// The dashboard views' JSON and CSV routes over the hand-countable fixture day
// (tests/helpers/dashboard-fixture.ts), asked for its 06:00-12:00 window with a custom
// range. "Now" is the real clock, weeks after the fixture, so everything unfinished in the
// window is past its SLA: stuck, and every shipment is due for its invoice.

const db = useTestDatabase({ catalogue: true });
const { ids: users, signIn: as } = useRoleUsers(db);

beforeAll(async () => {
  const key = await newApiKey(db.pool);
  expect((await ingest(key, { events: dashboardFixture() })).status).toBe(200);
  await refreshRollups(db.pool);
});

const WINDOW = "range=custom&from=2026-11-02T06:00:00.000Z&to=2026-11-02T12:00:00.000Z";
const request = (path: string, query = WINDOW) => new Request(`http://crossdock.test${path}?${query}`);

async function json<T = any>(handler: (r: Request) => Promise<Response>, path: string, query?: string): Promise<T> {
  const res = await handler(request(path, query));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<T>;
}

async function csvRows(handler: (r: Request) => Promise<Response>, path: string): Promise<Record<string, string>[]> {
  const res = await handler(request(path));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/csv/);
  expect(res.headers.get("content-disposition")).toMatch(
    /attachment; filename="crossdock-[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"/,
  );
  const [header, ...lines] = (await res.text()).trim().split("\r\n").map(splitCsvLine);
  return lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ""])));
}

// Enough CSV for these rows: quoted cells with commas, doubled quotes.
function splitCsvLine(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
    .filter((m) => m.index! < line.length || m[1] !== "")
    .map((m) => m[1]!.replace(/^"|"$/g, "").replaceAll('""', '"'));
}

describe("GET /api/dashboard/stuck", () => {
  it("groups stuck work of every site for a manager without site limits, with values, in business-impact order", async () => {
    as("warehouse_manager");
    const body = await json(stuckApi, "/api/dashboard/stuck");
    expect(body.valuesVisible).toBe(true);
    expect(body.groups.map((g: any) => [g.workflow, g.site, g.cause.status, g.count])).toEqual([
      // by the largest amount each group blocks (USD 500, EUR 50, USD 10, USD 1)
      ["shipment_confirmation", "east", "failed", 2], // SC-3, SC-4: customer master
      ["invoice_posting", "east", "failed", 1], // IP-2: period closed at 09:20
      ["shipment_confirmation", "south", "in_flight", 1], // SC-5: in the broker since 09:00
      ["shipment_confirmation", "east", "in_flight", 1], // SC-6: received at 11:50, nothing since
    ]);
    const customer = body.groups[0];
    expect(customer.sentence).toMatch(
      /^2 shipment confirmations from east waiting since 2026-11-02 08:00 UTC - the erp-cloud endpoint rejected them: Customer C-9 failed validation \(CUSTOMER_MASTER_INVALID\)$/,
    );
    expect(customer.value).toEqual([{ currency: "USD", amount: "500.0000" }]);
    expect(customer.oldestSince).toBe("2026-11-02T08:00:01.000Z");
    expect(body.total).toEqual({
      count: 5,
      value: [
        { currency: "EUR", amount: "50.0000" },
        { currency: "USD", amount: "511.0000" },
      ],
    });
  });

  it("shows a manager limited to east only east, even when south is asked for", async () => {
    as("warehouse_manager_east");
    const body = await json(stuckApi, "/api/dashboard/stuck");
    expect(body.groups.map((g: any) => g.site)).toEqual(["east", "east", "east"]);
    expect(body.total.count).toBe(4);
    const south = await json(stuckApi, "/api/dashboard/stuck", `${WINDOW}&site=south`);
    expect(south.groups).toEqual([]);
  });

  it("applies the site and workflow filters from the URL", async () => {
    as("engineer");
    const body = await json(stuckApi, "/api/dashboard/stuck", `${WINDOW}&workflow=invoice_posting`);
    expect(body.groups.map((g: any) => g.workflow)).toEqual(["invoice_posting"]);
    const south = await json(stuckApi, "/api/dashboard/stuck", `${WINDOW}&site=south`);
    expect(south.groups.map((g: any) => g.site)).toEqual(["south"]);
  });

  it("leaves values out for a viewer, and says so", async () => {
    as("viewer");
    const body = await json(stuckApi, "/api/dashboard/stuck");
    expect(body.valuesVisible).toBe(false);
    expect(body.groups.length).toBe(4);
    expect(body.groups.every((g: any) => g.value.length === 0)).toBe(true);
    expect(body.total.value).toEqual([]);
    expect(JSON.stringify(body)).not.toContain("500.0000");
  });

  it("answers 401 without a session and 400 for a range longer than the views allow", async () => {
    as("anonymous");
    expect((await stuckApi(request("/api/dashboard/stuck"))).status).toBe(401);
    as("admin");
    const res = await stuckApi(
      request("/api/dashboard/stuck", "range=custom&from=2024-01-01T00:00:00.000Z&to=2026-01-01T00:00:00.000Z"),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.errors[0].path).toBe("from");
  });
});

describe("GET /api/dashboard/unposted-loads", () => {
  it("lists the loads shipped without a posted invoice and the value waiting per currency, for finance", async () => {
    as("finance");
    const body = await json(unpostedApi, "/api/dashboard/unposted-loads");
    expect(body.loads.map((l: any) => [l.loadId, l.site, l.heldAt])).toEqual([
      ["L-1", "east", "invoice_failed"], // SHP-2 shipped 07:10, IP-2 failed
      ["L-2", "east", "shipment_not_delivered"], // SHP-3, SHP-4 rejected by the ERP
      ["L-3", "south", "shipment_not_delivered"], // SHP-5 in the broker
      ["L-4", "east", "awaiting_invoice"], // SHP-8 delivered 10:00, never invoiced
      ["L-5", "east", "awaiting_invoice"], // SHP-9 delivered 11:30
      ["L-6", "east", "shipment_not_delivered"], // SHP-6 received 11:50
    ]);
    expect(body.totals.value).toEqual([
      { currency: "EUR", amount: "50.0000" },
      { currency: "USD", amount: "586.0000" },
    ]);
    expect(body.totals.byHeldAt).toEqual({ shipment_not_delivered: 3, invoice_failed: 1, awaiting_invoice: 2 });
    expect(body.cycleTime).toEqual([expect.objectContaining({ day: "2026-11-02T00:00:00.000Z", invoices: 1 })]);
    expect(body.window).toEqual({ from: "2026-11-02T06:00:00.000Z", to: "2026-11-02T12:00:00.000Z" });
  });

  it("keeps an east-only user to east loads", async () => {
    await db.pool.query(`UPDATE users SET sites = '{east}' WHERE id = $1`, [users.finance]);
    try {
      as("finance");
      const body = await json(unpostedApi, "/api/dashboard/unposted-loads");
      expect(body.loads.map((l: any) => l.loadId)).toEqual(["L-1", "L-2", "L-4", "L-5", "L-6"]);
      const rows = await csvRows(unpostedCsv, "/api/dashboard/unposted-loads/export");
      expect(rows.map((r) => r.load_id)).toEqual(["L-1", "L-2", "L-4", "L-5", "L-6"]);
    } finally {
      await db.pool.query(`UPDATE users SET sites = '{}' WHERE id = $1`, [users.finance]);
    }
  });

  it("is refused without financials:read", async () => {
    for (const [who, status] of [
      ["anonymous", 401],
      ["viewer", 403],
      ["warehouse_manager", 403],
      ["warehouse_manager_east", 403],
    ] as const) {
      as(who);
      expect((await unpostedApi(request("/api/dashboard/unposted-loads"))).status, who).toBe(status);
      expect((await unpostedCsv(request("/api/dashboard/unposted-loads/export"))).status, who).toBe(status);
    }
  });
});

describe("GET /api/dashboard/failures", () => {
  it("groups error signatures with layer, target, counts over time and value", async () => {
    as("engineer");
    const body = await json(failuresApi, "/api/dashboard/failures");
    expect(body.signatures.map((s: any) => [s.layer, s.targetSystem, s.errorCode, s.transactions, s.open])).toEqual([
      ["target_api", "erp-cloud", "CUSTOMER_MASTER_INVALID", 2, 2],
      ["middleware", "wms-central", "MAPPING_ERROR", 1, 0],
      ["target_api", "erp-cloud", "INVOICE_PERIOD_CLOSED", 1, 1],
    ]);
    expect(body.signatures[0]).toMatchObject({
      value: [{ currency: "USD", amount: "500.0000" }],
      series: [{ at: "2026-11-02T08:00:00.000Z", transactions: 2 }],
    });
    expect(body.unit).toBe("hour");
  });

  it("keeps a manager limited to east to east's signatures, and hides values from a viewer", async () => {
    as("warehouse_manager_east");
    const east = await json(failuresApi, "/api/dashboard/failures");
    expect(east.signatures.map((s: any) => s.errorCode)).toEqual(["CUSTOMER_MASTER_INVALID", "INVOICE_PERIOD_CLOSED"]);
    as("viewer");
    const viewer = await json(failuresApi, "/api/dashboard/failures");
    expect(viewer.valuesVisible).toBe(false);
    expect(viewer.signatures.every((s: any) => s.value.length === 0)).toBe(true);
  });

  it("drills down: the transaction list filtered by a signature holds exactly its transactions", async () => {
    as("engineer");
    const body = await json(failuresApi, "/api/dashboard/failures");
    const signature = body.signatures[0].errorSignature;
    const res = await exportTransactions(
      new Request(`http://crossdock.test/api/transactions/export?errorSignature=${encodeURIComponent(signature)}`),
    );
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines.length).toBe(3);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[5])
        .sort(),
    ).toEqual(["SHP-3", "SHP-4"]);
  });
});

describe("CSV exports", () => {
  it("exports the stuck groups with the view's filters, one row per group", async () => {
    as("warehouse_manager_east");
    const rows = await csvRows(stuckCsv, "/api/dashboard/stuck/export");
    expect(rows.map((r) => [r.workflow, r.site, r.transactions])).toEqual([
      ["shipment_confirmation", "east", "2"],
      ["invoice_posting", "east", "1"],
      ["shipment_confirmation", "east", "1"],
    ]);
    expect(rows[0]).toMatchObject({
      value: "500.0000 USD",
      error_code: "CUSTOMER_MASTER_INVALID",
      waiting_since_utc: "2026-11-02T08:00:01.000Z",
    });
    expect(rows[0]!.summary).toContain("2 shipment confirmations from east");
  });

  it("leaves the value column empty for a viewer", async () => {
    as("viewer");
    const rows = await csvRows(failuresCsv, "/api/dashboard/failures/export");
    expect(rows.map((r) => r.error_code)).toEqual([
      "CUSTOMER_MASTER_INVALID",
      "MAPPING_ERROR",
      "INVOICE_PERIOD_CLOSED",
    ]);
    expect(rows.every((r) => r.value === "")).toBe(true);
    as("engineer");
    const engineer = await csvRows(failuresCsv, "/api/dashboard/failures/export");
    expect(engineer[0]).toMatchObject({ value: "500.0000 USD", sites: "east", workflows: "shipment_confirmation" });
  });

  it("answers 401 without a session", async () => {
    as("anonymous");
    for (const handler of [stuckCsv, failuresCsv])
      expect((await handler(request("/api/dashboard/x/export"))).status).toBe(401);
  });
});
