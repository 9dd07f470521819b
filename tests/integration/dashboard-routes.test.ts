import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));

import { GET as kpisCsv } from "@/app/api/dashboard/kpis/export/route";
import { GET as kpisApi } from "@/app/api/dashboard/kpis/route";
import { GET as overviewApi } from "@/app/api/dashboard/overview/route";
import { GET as workflowErrorsCsv } from "@/app/api/dashboard/workflows/[name]/errors/export/route";
import { GET as workflowApi } from "@/app/api/dashboard/workflows/[name]/route";
import { GET as workflowStuckCsv } from "@/app/api/dashboard/workflows/[name]/stuck/export/route";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { ingest, newApiKey } from "../helpers/api";
import { dashboardFixture } from "../helpers/dashboard-fixture";
import { insertUser } from "../helpers/rows";
import { signInAs, useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

// The dashboards' JSON routes over the hand-counted fixture day (tests/helpers/dashboard-fixture.ts),
// called as Next calls them. The routes' clock is the real one, long after the fixture day,
// so every open shipment confirmation of the day is stuck by now: SC-3, SC-4, SC-6 (east)
// and SC-5 (south).

const DAY = "range=custom&from=2026-11-02T06:00:00.000Z&to=2026-11-02T12:00:00.000Z";

const db = useTestDatabase({ catalogue: true });
const { signIn: as } = useRoleUsers(db);

beforeAll(async () => {
  const r = await ingest(await newApiKey(db.pool), { events: dashboardFixture() });
  expect(r.status).toBe(200);
  await refreshRollups(db.pool);
});

async function call(
  route: "overview" | "kpis" | `workflows/${string}`,
  query = DAY,
): Promise<{ status: number; body: any }> {
  const request = new Request(`http://crossdock.test/api/dashboard/${route}?${query}`);
  const res = route.startsWith("workflows/")
    ? await workflowApi(request, { params: Promise.resolve({ name: route.slice("workflows/".length) }) })
    : await (route === "overview" ? overviewApi : kpisApi)(request);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return { status: res.status, body: await res.json() };
}

const shipments = (body: any) => body.cards.find((c: { workflow: string }) => c.workflow === "shipment_confirmation");

describe("authentication", () => {
  it("answers 401 without a session, and 401 for a disabled account", async () => {
    as("anonymous");
    for (const route of ["overview", "kpis", "workflows/shipment_confirmation"] as const)
      expect((await call(route)).status, route).toBe(401);
    signInAs(await insertUser(db.pool, { email: "gone@example.com", role: "engineer", disabled: true }));
    expect((await call("overview")).status).toBe(401);
  });
});

describe("GET /api/dashboard/overview", () => {
  it("counts the workflow's day, with values per currency for roles that may see them", async () => {
    as("engineer");
    const { status, body } = await call("overview");
    expect(status).toBe(200);
    expect(body.window).toEqual({ from: "2026-11-02T06:00:00.000Z", to: "2026-11-02T12:00:00.000Z" });
    expect(shipments(body)).toMatchObject({
      throughput: 8,
      failureRate: 0.25,
      stuck: 4,
      valueAtRisk: [{ currency: "USD", amount: "511.0000" }],
    });
    expect(shipments(body).sparkline).toHaveLength(6);
    expect(shipments(body).change.throughput).toMatchObject({ current: 8, previous: 1 });
  });

  it("hides values from a viewer", async () => {
    as("viewer");
    const { body } = await call("overview");
    expect(shipments(body)).toMatchObject({ throughput: 8, stuck: 4, valueAtRisk: null });
    expect(JSON.stringify(body)).not.toContain("511");
  });

  it("keeps a user limited to east to east, even when the URL asks for south", async () => {
    as("warehouse_manager_east");
    expect(shipments((await call("overview")).body)).toMatchObject({
      throughput: 7,
      stuck: 3,
      valueAtRisk: [{ currency: "USD", amount: "501.0000" }],
    });
    expect((await call("overview", `${DAY}&site=south`)).body.cards).toEqual([]);
  });

  it("passes the site and workflow filters to the query", async () => {
    as("engineer");
    expect(shipments((await call("overview", `${DAY}&site=south`)).body)).toMatchObject({ throughput: 1, stuck: 1 });
    const orders = (await call("overview", `${DAY}&workflow=order_release`)).body;
    expect(orders.cards.map((c: { workflow: string }) => c.workflow)).toEqual(["order_release"]);
    expect(orders.cards[0]).toMatchObject({ throughput: 2, failureRate: 0.5 });
  });

  it("answers 400 for a custom range longer than the read models allow", async () => {
    as("engineer");
    const { status, body } = await call(
      "overview",
      "range=custom&from=2020-01-01T00:00:00.000Z&to=2026-01-01T00:00:00.000Z",
    );
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/not valid/);
  });
});

describe("GET /api/dashboard/workflows/:name", () => {
  it("gives latency against the SLA, failures by layer, top errors and the stuck transactions", async () => {
    as("engineer");
    const { status, body } = await call("workflows/shipment_confirmation");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      workflow: "shipment_confirmation",
      slaMinutes: 20,
      unit: "hour",
      valuesHidden: false,
    });
    expect(body.stuck.map((t: { externalId: string }) => t.externalId)).toEqual(["SC-3", "SC-4", "SC-5", "SC-6"]);
    expect(body.topErrors[0]).toMatchObject({
      errorCode: "CUSTOMER_MASTER_INVALID",
      transactions: 2,
      layer: "target_api",
    });
    expect(
      body.throughput.reduce(
        (n: number, p: { failedByLayer: { target_api: number } }) => n + p.failedByLayer.target_api,
        0,
      ),
    ).toBe(2);
    expect(body.latency.length).toBeGreaterThan(0);
  });

  it("applies the site scope and hides values from a viewer", async () => {
    as("warehouse_manager_east");
    expect(
      (await call("workflows/shipment_confirmation")).body.stuck.map((t: { externalId: string }) => t.externalId),
    ).toEqual(["SC-3", "SC-4", "SC-6"]);
    as("viewer");
    const viewer = (await call("workflows/shipment_confirmation")).body;
    expect(viewer.valuesHidden).toBe(true);
    expect(viewer.stuck.every((t: { valueAmount: unknown }) => t.valueAmount === null)).toBe(true);
    expect(viewer.topErrors[0].value).toBeNull();
  });

  it("ignores a workflow filter in the URL and answers 404 for an unknown workflow", async () => {
    as("engineer");
    expect((await call("workflows/shipment_confirmation", `${DAY}&workflow=order_release`)).body.stuck).toHaveLength(4);
    expect((await call("workflows/no_such_flow")).status).toBe(404);
  });
});

describe("GET /api/dashboard/kpis", () => {
  it("gives the seven KPIs with a trend, and the filters reach the query", async () => {
    as("viewer");
    const { status, body } = await call("kpis");
    expect(status).toBe(200);
    expect(body.kpis.map((k: { id: string }) => k.id)).toEqual([
      "order_release_latency",
      "shipment_to_invoice_cycle_time",
      "exception_resolution_time",
      "manual_intervention_rate",
      "integration_failure_rate",
      "inventory_accuracy",
      "time_to_onboard",
    ]);
    const orderRelease = (b: any) => b.kpis.find((k: { id: string }) => k.id === "order_release_latency");
    expect(orderRelease(body).current.count).toBe(2);
    expect(orderRelease((await call("kpis", `${DAY}&site=east`)).body).current.count).toBe(0);
    as("warehouse_manager_east");
    expect(orderRelease((await call("kpis")).body).current.count).toBe(0); // order releases are central's
  });
});

describe("CSV exports of the KPIs and a workflow's lists", () => {
  const named = (name: string) => ({ params: Promise.resolve({ name }) });
  const request = (path: string, query = DAY) => new Request(`http://crossdock.test/api/dashboard/${path}?${query}`);

  async function csv(res: Response): Promise<{ filename: string | undefined; header: string; rows: string[][] }> {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const filename = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1];
    const [header, ...rows] = (await res.text()).trim().split("\r\n");
    return { filename, header: header!, rows: rows.map((r) => r.split(",")) };
  }

  it("exports the KPIs with the view's filters, one row per KPI", async () => {
    as("viewer");
    const { filename, header, rows } = await csv(await kpisCsv(request("kpis/export")));
    expect(filename).toMatch(/^crossdock-kpis-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(header).toBe(
      "kpi,current,current_basis,previous,headline_current,headline_previous,change_relative,better,definition",
    );
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r[0] === "Order release latency")?.[2]).toBe("2 measured");
  });

  it("exports a workflow's top errors and stuck transactions, values only for roles that may see them", async () => {
    as("engineer");
    const errors = await csv(
      await workflowErrorsCsv(request("workflows/shipment_confirmation/errors/export"), named("shipment_confirmation")),
    );
    expect(errors.filename).toMatch(/^crossdock-shipment-confirmation-errors-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(errors.header).toBe(
      "layer,target,error_code,transactions,open,value,first_seen_utc,last_seen_utc,workflows,sites,error_signature",
    );
    expect(errors.rows[0]!.slice(2, 6)).toEqual(["CUSTOMER_MASTER_INVALID", "2", "2", "500.0000 USD"]);
    const stuck = await csv(
      await workflowStuckCsv(request("workflows/shipment_confirmation/stuck/export"), named("shipment_confirmation")),
    );
    expect(stuck.filename).toMatch(/^crossdock-shipment-confirmation-stuck-/);
    expect(stuck.rows.map((r) => r[1])).toEqual(["SC-3", "SC-4", "SC-5", "SC-6"]);
    expect(stuck.rows[0]!.slice(8, 10)).toEqual(["200.0000", "USD"]);
    as("viewer");
    expect(
      (
        await csv(
          await workflowErrorsCsv(
            request("workflows/shipment_confirmation/errors/export"),
            named("shipment_confirmation"),
          ),
        )
      ).rows[0]![5],
    ).toBe("");
    expect(
      (
        await csv(
          await workflowStuckCsv(
            request("workflows/shipment_confirmation/stuck/export"),
            named("shipment_confirmation"),
          ),
        )
      ).rows[0]!.slice(8, 10),
    ).toEqual(["", ""]);
  });

  it("answers 401 without a session and 404 for an unknown workflow", async () => {
    as("anonymous");
    expect((await kpisCsv(request("kpis/export"))).status).toBe(401);
    expect(
      (await workflowStuckCsv(request("workflows/shipment_confirmation/stuck/export"), named("shipment_confirmation")))
        .status,
    ).toBe(401);
    as("engineer");
    expect(
      (await workflowErrorsCsv(request("workflows/no_such_flow/errors/export"), named("no_such_flow"))).status,
    ).toBe(404);
  });
});
