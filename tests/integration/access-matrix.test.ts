import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

import AlertsAdminPage from "@/app/admin/alerts/page";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import ApiKeysPage from "@/app/admin/api-keys/page";
import AuditPage from "@/app/admin/audit/page";
import AdminPage from "@/app/admin/page";
import { addRedactionRuleAction, removeRedactionRuleAction } from "@/app/admin/redaction/actions";
import RedactionPage from "@/app/admin/redaction/page";
import { saveRetentionSettingsAction } from "@/app/admin/storage/actions";
import StoragePage from "@/app/admin/storage/page";
import { createSystemAction, testReplayEndpointAction, updateSystemAction } from "@/app/admin/systems/actions";
import SystemsPage from "@/app/admin/systems/page";
import { createUserAction, updateUserAction } from "@/app/admin/users/actions";
import UsersPage from "@/app/admin/users/page";
import { createWorkflowAction, updateWorkflowAction } from "@/app/admin/workflows/actions";
import WorkflowsPage from "@/app/admin/workflows/page";
import AlertHistoryPage from "@/app/alerts/page";
import { GET as exportAudit } from "@/app/api/admin/audit/export/route";
import { GET as backgroundWork } from "@/app/api/background-work/route";
import { GET as getBulkReplayProgress } from "@/app/api/bulk-replays/[id]/route";
import { GET as failuresCsv } from "@/app/api/dashboard/failures/export/route";
import { GET as failureIssuesApi } from "@/app/api/dashboard/failures/issues/route";
import { GET as failuresApi } from "@/app/api/dashboard/failures/route";
import { GET as kpisApi } from "@/app/api/dashboard/kpis/route";
import { GET as overviewApi } from "@/app/api/dashboard/overview/route";
import { GET as stuckCsv } from "@/app/api/dashboard/stuck/export/route";
import { GET as stuckApi } from "@/app/api/dashboard/stuck/route";
import { GET as unpostedLoadsCsv } from "@/app/api/dashboard/unposted-loads/export/route";
import { GET as unpostedLoadsApi } from "@/app/api/dashboard/unposted-loads/route";
import { GET as workflowApi } from "@/app/api/dashboard/workflows/[name]/route";
import { GET as getReplayStatus } from "@/app/api/replays/[id]/route";
import { GET as searchApi } from "@/app/api/search/route";
import { GET as exportTransactions } from "@/app/api/transactions/export/route";
import FailuresPage from "@/app/failures/page";
import FinancePage from "@/app/finance/page";
import KpisPage from "@/app/kpis/page";
import OverviewPage from "@/app/page";
import BulkReplayPage from "@/app/replays/[id]/page";
import {
  cancelTransactionAction,
  previewReplayAction,
  replayTransactionAction,
  resolveTransactionAction,
} from "@/app/replays/actions";
import { cancelBulkReplayAction, estimateBulkReplayAction, requestBulkReplayAction } from "@/app/replays/bulk-actions";
import SearchPage from "@/app/search/page";
import StuckWorkPage from "@/app/stuck/page";
import TransactionPage from "@/app/transactions/[id]/page";
import TransactionsPage from "@/app/transactions/page";
import WorkflowPage from "@/app/workflows/[name]/page";
import { loadActor } from "@/lib/auth/actor";
import { refreshRollups } from "@/lib/jobs/rollups/refresh-rollups";
import { getTransaction } from "@/lib/queries/get-transaction";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import { listTransactions, transactionFilterSchema } from "@/lib/queries/list-transactions";
import { ingest, newApiKey } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { insertSystem } from "../helpers/rows";
import { pageOutcome, useRoleUsers, type Who } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

// Every role against every protected page, route handler and server action, called
// directly (not through the UI). The expected outcomes are written out here by hand,
// not derived from lib/auth/permissions.ts, so a wrong entry there fails this test.

const db = useTestDatabase();
const { ids: users, signIn: as } = useRoleUsers(db);
let eastTx: string;
let southTx: string;

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true"; // what experimental.authInterrupts sets in Next
  const key = await newApiKey(db.pool);
  await ingest(key, {
    events: [...shipmentEvents("SHP-M-EAST", { site: "east" }), ...shipmentEvents("SHP-M-SOUTH", { site: "south" })],
  });
  const ids = await db.pool.query<{ id: string; business_key: string }>(`SELECT id, business_key FROM transactions`);
  eastTx = ids.rows.find((r) => r.business_key === "SHP-M-EAST")!.id;
  southTx = ids.rows.find((r) => r.business_key === "SHP-M-SOUTH")!.id;
});

// --- replays (issue 6) ---
const REPLAYERS = {
  viewer: 403,
  warehouse_manager: 200,
  warehouse_manager_east: 200,
  finance: 403,
  engineer: 200,
  admin: 200,
} as const;
const SUPERVISORS = {
  viewer: 403,
  warehouse_manager: 403,
  warehouse_manager_east: 403,
  finance: 403,
  engineer: 200,
  admin: 200,
} as const;
let fresh = 0;
let replayKey: string;
let erpMatrix: Promise<number> | undefined;

// A transaction at the east site in the given state, bound for a system with a replay endpoint.
async function eastTransaction(
  stage: "failed" | "acknowledged" = "failed",
  workflow = "matrix_replay",
): Promise<string> {
  replayKey ??= await newApiKey(db.pool, "middleware-matrix");
  await (erpMatrix ??= insertSystem(db.pool, { name: "erp-matrix", replayEndpoint: "http://127.0.0.1:9/replay" }));
  const id = `MX-${fresh++}`;
  await ingest(replayKey, {
    events: [
      {
        id,
        transactionId: id,
        workflow,
        stage,
        layer: "target_api",
        site: "east",
        target: "erp-matrix",
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        payload: { n: 1 },
        ...(stage === "failed" ? { error: { code: "X", message: "x", retryable: false } } : {}),
      },
    ],
  });
  return (await db.pool.query<{ id: string }>("SELECT id FROM transactions WHERE external_id = $1", [id])).rows[0]!.id;
}

async function adminBulk(): Promise<string> {
  const { rows } = await db.pool.query<{ id: string }>(
    "INSERT INTO bulk_replays (id, requested_by, reason, filter, total, status) VALUES (gen_random_uuid(), 'someone-else@example.com', 'x', '{}', 1, 'running') RETURNING id",
  );
  return rows[0]!.id;
}

const WHO: Who[] = [
  "anonymous",
  "viewer",
  "warehouse_manager",
  "warehouse_manager_east",
  "finance",
  "engineer",
  "admin",
];
const ALL_SIGNED_IN = {
  viewer: 200,
  warehouse_manager: 200,
  warehouse_manager_east: 200,
  finance: 200,
  engineer: 200,
  admin: 200,
} as const;
const FINANCE_VIEWS = {
  viewer: 403,
  warehouse_manager: 403,
  warehouse_manager_east: 403,
  finance: 200,
  engineer: 200,
  admin: 200,
} as const;
const ALL_404 = {
  viewer: 404,
  warehouse_manager: 404,
  warehouse_manager_east: 404,
  finance: 404,
  engineer: 404,
  admin: 404,
} as const;
const ADMIN_ONLY = {
  viewer: 403,
  warehouse_manager: 403,
  warehouse_manager_east: 403,
  finance: 403,
  engineer: 403,
  admin: 200,
} as const;
const ALERT_READERS = {
  viewer: 403,
  warehouse_manager: 403,
  warehouse_manager_east: 403,
  finance: 403,
  engineer: 200,
  admin: 200,
} as const;

const search = (q: Record<string, string> = {}) => ({ searchParams: Promise.resolve(q) });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

const PAGES: [string, () => Promise<unknown>, Record<Exclude<Who, "anonymous">, number>][] = [
  ["/", () => OverviewPage(search()), ALL_SIGNED_IN],
  ["/stuck", () => StuckWorkPage(search()), ALL_SIGNED_IN],
  ["/finance", () => FinancePage(search()), FINANCE_VIEWS],
  ["/failures", () => FailuresPage(search()), ALL_SIGNED_IN],
  ["/kpis", () => KpisPage(search()), ALL_SIGNED_IN],
  [
    "/workflows/shipment_confirmation",
    () => WorkflowPage({ ...search(), params: Promise.resolve({ name: "shipment_confirmation" }) }),
    ALL_SIGNED_IN,
  ],
  [
    "/workflows/<unknown>",
    () => WorkflowPage({ ...search(), params: Promise.resolve({ name: "no_such_workflow" }) }),
    ALL_404,
  ],
  ["/search", () => SearchPage(search({ q: "no-such-reference" })), ALL_SIGNED_IN],
  ["/transactions", () => TransactionsPage(search()), ALL_SIGNED_IN],
  ["/transactions/<east>", () => TransactionPage(params(eastTx)), ALL_SIGNED_IN],
  ["/transactions/<south>", () => TransactionPage(params(southTx)), { ...ALL_SIGNED_IN, warehouse_manager_east: 404 }],
  ["/admin", () => AdminPage(), ADMIN_ONLY],
  ["/admin/api-keys", () => ApiKeysPage(), ADMIN_ONLY],
  ["/admin/users", () => UsersPage(), ADMIN_ONLY],
  ["/admin/redaction", () => RedactionPage(), ADMIN_ONLY],
  ["/admin/storage", () => StoragePage(), ADMIN_ONLY],
  ["/admin/audit", () => AuditPage(search()), ADMIN_ONLY],
  ["/admin/workflows", () => WorkflowsPage(), ADMIN_ONLY],
  ["/admin/systems", () => SystemsPage(), ADMIN_ONLY],
  ["/admin/alerts", () => AlertsAdminPage(), ADMIN_ONLY],
  ["/alerts", () => AlertHistoryPage(), ALERT_READERS],
  ["/replays/<bulk>", async () => BulkReplayPage(params(await adminBulk())), REPLAYERS],
];

describe("pages", () => {
  for (const [path, render, expected] of PAGES) {
    for (const who of WHO) {
      const want = who === "anonymous" ? "signin" : expected[who];
      it(`${path} as ${who} -> ${want}`, async () => {
        as(who);
        expect(await pageOutcome(render)).toBe(want);
      });
    }
  }
});

describe("route handlers", () => {
  for (const who of WHO) {
    const want = who === "anonymous" ? 401 : ADMIN_ONLY[who];
    it(`GET /api/admin/audit/export as ${who} -> ${want}`, async () => {
      as(who);
      const res = await exportAudit(new Request("http://crossdock.test/api/admin/audit/export"));
      expect(res.status).toBe(want);
      if (want === 200) expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    });
  }
});

describe("the background work banner's route (engineers and admins)", () => {
  for (const who of WHO) {
    const want = who === "anonymous" ? 401 : ALERT_READERS[who];
    it(`GET /api/background-work as ${who} -> ${want}`, async () => {
      as(who);
      const res = await backgroundWork(new Request("http://crossdock.test/api/background-work"));
      expect(res.status).toBe(want);
    });
  }
});

describe("session route handlers open to every signed-in role", () => {
  const ROUTES: [string, () => Promise<Response>, RegExp][] = [
    [
      "GET /api/search",
      () => searchApi(new Request("http://crossdock.test/api/search?q=SHP-M-EAST")),
      /application\/json/,
    ],
    [
      "GET /api/transactions/export",
      () => exportTransactions(new Request("http://crossdock.test/api/transactions/export")),
      /text\/csv/,
    ],
    [
      "GET /api/dashboard/overview",
      () => overviewApi(new Request("http://crossdock.test/api/dashboard/overview")),
      /application\/json/,
    ],
    [
      "GET /api/dashboard/kpis",
      () => kpisApi(new Request("http://crossdock.test/api/dashboard/kpis?range=7d")),
      /application\/json/,
    ],
    [
      "GET /api/dashboard/workflows/:name",
      () =>
        workflowApi(new Request("http://crossdock.test/api/dashboard/workflows/shipment_confirmation"), {
          params: Promise.resolve({ name: "shipment_confirmation" }),
        }),
      /application\/json/,
    ],
    [
      "GET /api/dashboard/stuck",
      () => stuckApi(new Request("http://crossdock.test/api/dashboard/stuck")),
      /application\/json/,
    ],
    [
      "GET /api/dashboard/stuck/export",
      () => stuckCsv(new Request("http://crossdock.test/api/dashboard/stuck/export")),
      /text\/csv/,
    ],
    [
      "GET /api/dashboard/failures",
      () => failuresApi(new Request("http://crossdock.test/api/dashboard/failures")),
      /application\/json/,
    ],
    [
      "GET /api/dashboard/failures/export",
      () => failuresCsv(new Request("http://crossdock.test/api/dashboard/failures/export")),
      /text\/csv/,
    ],
    [
      "GET /api/dashboard/failures/issues",
      () => failureIssuesApi(new Request("http://crossdock.test/api/dashboard/failures/issues")),
      /application\/json/,
    ],
  ];
  for (const [name, call, type] of ROUTES) {
    for (const who of WHO) {
      const want = who === "anonymous" ? 401 : ALL_SIGNED_IN[who];
      it(`${name} as ${who} -> ${want}`, async () => {
        as(who);
        const res = await call();
        expect(res.status).toBe(want);
        if (want === 200) expect(res.headers.get("content-type")).toMatch(type);
      });
    }
  }
});

describe("finance route handlers", () => {
  const ROUTES: [string, () => Promise<Response>, RegExp][] = [
    [
      "GET /api/dashboard/unposted-loads",
      () => unpostedLoadsApi(new Request("http://crossdock.test/api/dashboard/unposted-loads")),
      /application\/json/,
    ],
    [
      "GET /api/dashboard/unposted-loads/export",
      () => unpostedLoadsCsv(new Request("http://crossdock.test/api/dashboard/unposted-loads/export")),
      /text\/csv/,
    ],
  ];
  for (const [name, call, type] of ROUTES) {
    for (const who of WHO) {
      const want = who === "anonymous" ? 401 : FINANCE_VIEWS[who];
      it(`${name} as ${who} -> ${want}`, async () => {
        as(who);
        const res = await call();
        expect(res.status).toBe(want);
        if (want === 200) expect(res.headers.get("content-type")).toMatch(type);
      });
    }
  }
});

describe("server actions", () => {
  let n = 0;
  const ACTIONS: [string, () => Promise<{ ok: boolean; status?: number }>][] = [
    ["createApiKeyAction", () => createApiKeyAction({ systemName: `sys-${n++}`, scopes: ["ingest"] })],
    ["revokeApiKeyAction", async () => revokeApiKeyAction({ id: await someKeyId() })],
    [
      "createUserAction",
      () =>
        createUserAction({
          email: `new-${n++}@example.com`,
          name: null,
          role: "viewer",
          sites: [],
          password: "a-long-enough-password",
        }),
    ],
    [
      "updateUserAction",
      () => updateUserAction({ id: users.viewer, role: "viewer", sites: ["east"], disabled: false }),
    ],
    ["addRedactionRuleAction", () => addRedactionRuleAction({ path: `order.note${n++}` })],
    ["removeRedactionRuleAction", async () => removeRedactionRuleAction({ id: await someRuleId() })],
    [
      "saveRetentionSettingsAction",
      () => saveRetentionSettingsAction({ payloadDays: 14 + (n++ % 5), eventDays: 396, rollupDays: 1826 }),
    ],
    ["createWorkflowAction", () => createWorkflowAction({ name: `flow_${n++}`, slaMinutes: 30 })],
    ["updateWorkflowAction", async () => updateWorkflowAction({ id: await someWorkflowId(), slaMinutes: 10 + n++ })],
    ["createSystemAction", () => createSystemAction({ name: `system-${n++}`, kind: "wms" })],
    [
      "updateSystemAction",
      async () => updateSystemAction({ id: await someSystemId(), replayEndpoint: `http://replay.internal/${n++}` }),
    ],
  ];
  for (const [name, call] of ACTIONS) {
    for (const who of WHO) {
      const want = who === "anonymous" ? 401 : ADMIN_ONLY[who] === 200 ? "ok" : 403;
      it(`${name} as ${who} -> ${want}`, async () => {
        as(who);
        const before = await auditCount();
        const result = await call();
        if (want === "ok") {
          expect(result).toMatchObject({ ok: true });
          expect(await auditCount()).toBe(before + 1);
        } else {
          expect(result).toMatchObject({ ok: false, status: want });
          expect(await auditCount()).toBe(before); // refused: nothing changed, nothing audited
        }
      });
    }
  }
});

describe("site scoping", () => {
  it("a user limited to east cannot see south through lists, search, catalogue or by id", async () => {
    const actor = (await loadActor(users.warehouse_manager_east))!;
    const all = await listTransactions(db.prisma, transactionFilterSchema.parse({}), actor.scope);
    expect(all.transactions.map((t) => t.businessKey)).toEqual(["SHP-M-EAST"]);
    for (const q of ["SHP-M-SOUTH", "TX-SHP-M-SOUTH", "L-SHP-M-SOUTH", "SO-SHP-M-SOUTH", southTx]) {
      const found = await listTransactions(db.prisma, transactionFilterSchema.parse({ q }), actor.scope);
      expect(found.transactions, q).toEqual([]);
    }
    expect(
      (await listTransactions(db.prisma, transactionFilterSchema.parse({ site: "south" }), actor.scope)).transactions,
    ).toEqual([]);
    expect(await getTransaction(db.prisma, southTx, actor.scope)).toEqual({ notFound: true });
    expect(await getTransaction(db.prisma, "TX-SHP-M-SOUTH", actor.scope)).toEqual({ notFound: true });
    expect((await listCatalogue(db.prisma, actor.scope)).sites.map((s) => s.code)).toEqual(["east"]);
  });

  it("the header search and the CSV export keep to the user's sites", async () => {
    as("warehouse_manager_east");
    for (const q of ["SHP-M-SOUTH", "TX-SHP-M-SOUTH", southTx]) {
      const res = await searchApi(new Request(`http://crossdock.test/api/search?q=${encodeURIComponent(q)}`));
      expect((await res.json()).hits, q).toEqual([]);
    }
    const prefix = await (await searchApi(new Request("http://crossdock.test/api/search?q=SHP-M"))).json();
    expect(prefix.hits.map((h: { label: string }) => h.label)).toEqual(["SHP-M-EAST"]);
    expect(prefix.destination).toEqual({ kind: "trace", id: eastTx });
    const csv = await (await exportTransactions(new Request("http://crossdock.test/api/transactions/export"))).text();
    expect(csv).toContain("SHP-M-EAST");
    expect(csv).not.toContain("SHP-M-SOUTH");
  });

  it("the dashboards count only the user's sites", async () => {
    await refreshRollups(db.pool); // fold what was ingested, as the worker would
    const throughput = async () => {
      const body = await (
        await overviewApi(
          new Request(
            "http://crossdock.test/api/dashboard/overview?range=custom&from=2026-11-02T00:00:00.000Z&to=2026-11-03T00:00:00.000Z",
          ),
        )
      ).json();
      return body.cards.find((c: { workflow: string }) => c.workflow === "shipment_confirmation")?.throughput;
    };
    as("warehouse_manager");
    expect(await throughput()).toBe(2);
    as("warehouse_manager_east");
    expect(await throughput()).toBe(1);
  });
});

describe("dashboard views keep to the user's sites", () => {
  it("stuck work and failures of a user limited to east hold nothing of south", async () => {
    // Rejected by the ERP on 2026-11-02, so long past the shipment confirmation SLA: stuck.
    await ingest(await newApiKey(db.pool, "middleware-stuck"), {
      events: [
        ...shipmentEvents("SHP-S-EAST", { site: "east", fail: true }),
        ...shipmentEvents("SHP-S-SOUTH", { site: "south", fail: true }),
      ],
    });
    as("warehouse_manager_east");
    const range = "range=custom&from=2026-11-01T00:00:00.000Z&to=2026-11-03T00:00:00.000Z";
    const stuck = await (await stuckApi(new Request(`http://crossdock.test/api/dashboard/stuck?${range}`))).json();
    expect(stuck.groups.map((g: { site: string }) => g.site)).toEqual(["east"]);
    const csv = await (
      await stuckCsv(new Request(`http://crossdock.test/api/dashboard/stuck/export?${range}&site=south`))
    ).text();
    expect(csv.trim().split("\r\n")).toHaveLength(1); // the header only
    as("warehouse_manager");
    const all = await (await stuckApi(new Request(`http://crossdock.test/api/dashboard/stuck?${range}`))).json();
    expect(all.groups.map((g: { site: string }) => g.site).sort()).toEqual(["east", "south"]);
  });
});

describe("fields hidden from a role stay out of the CSV export", () => {
  it("a viewer's export has no values; a warehouse manager's has them", async () => {
    const amountOf = async (who: Who) => {
      as(who);
      const csv = await (
        await exportTransactions(new Request("http://crossdock.test/api/transactions/export?businessKey=SHP-M-EAST"))
      ).text();
      const [header, row] = csv
        .trim()
        .split("\r\n")
        .map((line) => line.split(","));
      return row![header!.indexOf("value_amount")];
    };
    expect(await amountOf("viewer")).toBe("");
    expect(await amountOf("warehouse_manager")).toBe("1200.5");
  });
});

// Replays come after site scoping: they add east transactions of their own.
describe("replay routes", () => {
  for (const who of WHO) {
    const want = who === "anonymous" ? 401 : ALL_SIGNED_IN[who];
    it(`GET /api/replays/{id} as ${who} -> ${want}`, async () => {
      as("engineer");
      const replayed = await replayTransactionAction({ transactionId: await eastTransaction() });
      if (!replayed.ok) throw new Error(replayed.message);
      as(who);
      const res = await getReplayStatus(
        new Request("http://crossdock.test/api/replays/x"),
        params(replayed.data.replayId),
      );
      expect(res.status).toBe(want);
    });
    const bulkWant = who === "anonymous" ? 401 : REPLAYERS[who];
    it(`GET /api/bulk-replays/{id} as ${who} -> ${bulkWant}`, async () => {
      const bulkId = await adminBulk();
      as(who);
      const res = await getBulkReplayProgress(new Request("http://crossdock.test/api/bulk-replays/x"), params(bulkId));
      expect(res.status).toBe(bulkWant);
    });
  }

  it("a replay of a south transaction does not exist for a user limited to east", async () => {
    as("engineer");
    const southFailed = await eastTransaction();
    await db.pool.query("UPDATE transactions SET site_id = (SELECT id FROM sites WHERE code = 'south') WHERE id = $1", [
      southFailed,
    ]);
    const replayed = await replayTransactionAction({ transactionId: southFailed });
    if (!replayed.ok) throw new Error(replayed.message);
    as("warehouse_manager_east");
    expect(
      (await getReplayStatus(new Request("http://crossdock.test/api/replays/x"), params(replayed.data.replayId)))
        .status,
    ).toBe(404);
    expect(await previewReplayAction({ transactionId: southFailed })).toMatchObject({ ok: false, status: 404 });
  });
});

describe("replay actions", () => {
  // [name, call, who may, writes an audit row when allowed]
  const ACTIONS: [
    string,
    () => Promise<{ ok: boolean; status?: number }>,
    Record<Exclude<Who, "anonymous">, number>,
    boolean,
  ][] = [
    [
      "previewReplayAction",
      async () => previewReplayAction({ transactionId: await eastTransaction() }),
      REPLAYERS,
      false,
    ],
    [
      "replayTransactionAction",
      async () => replayTransactionAction({ transactionId: await eastTransaction() }),
      REPLAYERS,
      true,
    ],
    [
      "replayTransactionAction (force)",
      async () =>
        replayTransactionAction({
          transactionId: await eastTransaction("acknowledged"),
          force: true,
          reason: "ERP lost it",
        }),
      SUPERVISORS,
      true,
    ],
    [
      "replayTransactionAction (edited)",
      async () => replayTransactionAction({ transactionId: await eastTransaction(), editedPayload: { n: 2 } }),
      SUPERVISORS,
      true,
    ],
    [
      "resolveTransactionAction",
      async () => resolveTransactionAction({ transactionId: await eastTransaction(), reason: "keyed by hand" }),
      SUPERVISORS,
      true,
    ],
    [
      "cancelTransactionAction",
      async () => cancelTransactionAction({ transactionId: await eastTransaction(), reason: "order withdrawn" }),
      SUPERVISORS,
      true,
    ],
    [
      "estimateBulkReplayAction",
      async () => estimateBulkReplayAction({ filter: { workflow: "matrix_replay" } }),
      REPLAYERS,
      false,
    ],
    [
      "requestBulkReplayAction",
      async () => {
        await eastTransaction("failed", "matrix_bulk");
        return requestBulkReplayAction({ filter: { workflow: "matrix_bulk" }, reason: "fixed" });
      },
      REPLAYERS,
      true,
    ],
    [
      "cancelBulkReplayAction (someone else's)",
      async () => cancelBulkReplayAction({ bulkId: await adminBulk() }),
      SUPERVISORS,
      true,
    ],
    ["testReplayEndpointAction", async () => testReplayEndpointAction({ id: await erpMatrixId() }), ADMIN_ONLY, false],
  ];
  for (const [name, call, allowed, audited] of ACTIONS) {
    for (const who of WHO) {
      const want = who === "anonymous" ? 401 : allowed[who] === 200 ? "ok" : 403;
      it(`${name} as ${who} -> ${want}`, async () => {
        const before = await auditCount();
        as(who);
        const result = await call();
        if (want === "ok") {
          expect(result).toMatchObject({ ok: true });
          expect(await auditCount()).toBe(before + (audited ? 1 : 0));
        } else {
          expect(result).toMatchObject({ ok: false, status: want });
          expect(await auditCount()).toBe(before); // refused: nothing changed, nothing audited
        }
      });
    }
  }
});

async function erpMatrixId(): Promise<number> {
  await eastTransaction();
  return (await db.pool.query<{ id: number }>("SELECT id FROM systems WHERE name = 'erp-matrix'")).rows[0]!.id;
}

async function auditCount(): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
  return rows[0]!.n;
}

async function someKeyId(): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(
    `SELECT id FROM api_keys WHERE revoked_at IS NULL ORDER BY id DESC LIMIT 1`,
  );
  return rows[0]!.id;
}

async function someWorkflowId(): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(`SELECT id FROM workflows ORDER BY id LIMIT 1`);
  return rows[0]!.id;
}

async function someSystemId(): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(`SELECT id FROM systems ORDER BY id LIMIT 1`);
  return rows[0]!.id;
}

async function someRuleId(): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(`SELECT id FROM redaction_rules ORDER BY id DESC LIMIT 1`);
  return rows[0]!.id;
}
