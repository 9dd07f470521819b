import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next-auth", async (orig) => ({ ...(await orig<object>()), getServerSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

import { createApiKeyAction, revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { createSystemAction, updateSystemAction } from "@/app/admin/systems/actions";
import SystemsPage from "@/app/admin/systems/page";
import { createWorkflowAction, updateWorkflowAction } from "@/app/admin/workflows/actions";
import { removeCloudEventTypeAction, setCloudEventTypeAction } from "@/app/admin/workflows/cloudevent-type-actions";
import WorkflowsPage from "@/app/admin/workflows/page";
import { ROLES } from "@/lib/auth/permissions";
import { listCloudEventTypes } from "@/lib/queries/list-cloudevent-types";
import { listSystems } from "@/lib/queries/list-systems";
import { listWorkflows } from "@/lib/queries/list-workflows";
import { okData } from "../helpers/action-result";
import { ingest } from "../helpers/api";
import { shipmentEvents } from "../helpers/events";
import { pageOutcome, useRoleUsers } from "../helpers/session";
import { useTestDatabase } from "../helpers/test-database";

const db = useTestDatabase();
const { signIn: signInAsRole } = useRoleUsers(db);

beforeAll(async () => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true"; // what experimental.authInterrupts sets in Next
  await db.pool.query(`INSERT INTO sites (code, name) VALUES ('east', 'East DC'), ('south', 'South DC')`);
});
beforeEach(() => signInAsRole("admin"));

async function workflowRow(name: string) {
  const { rows } = await db.pool.query(
    `SELECT id, name, description, source_kind, target_kind, owner, system_of_record, sla_minutes, registered FROM workflows WHERE name = $1`,
    [name],
  );
  return rows[0];
}
async function systemRow(id: number) {
  const { rows } = await db.pool.query(
    `SELECT s.name, s.kind, sites.code AS site, s.replay_endpoint FROM systems s LEFT JOIN sites ON sites.id = s.site_id WHERE s.id = $1`,
    [id],
  );
  return rows[0];
}
async function auditRows(action: string, targetId: number) {
  const { rows } = await db.pool.query(
    `SELECT actor, target_type, before, after FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`,
    [action, String(targetId)],
  );
  return rows;
}
const count = async (table: string): Promise<number> =>
  (await db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

const createWorkflowOk = async (input: Parameters<typeof createWorkflowAction>[0]) =>
  okData(await createWorkflowAction(input));
const createSystemOk = async (input: Parameters<typeof createSystemAction>[0]) =>
  okData(await createSystemAction(input));

describe("workflows", () => {
  it("registers a workflow with its direction, owner, system of record and SLA, and audits it", async () => {
    const { id, name } = await createWorkflowOk({
      name: "cross_dock_transfer",
      description: "  Pallets moved dock to dock without putaway ",
      sourceKind: "wms",
      targetKind: "erp",
      owner: "Outbound",
      systemOfRecord: "wms",
      slaMinutes: 45,
    });
    expect(name).toBe("cross_dock_transfer");
    expect(await workflowRow("cross_dock_transfer")).toEqual({
      id,
      name: "cross_dock_transfer",
      description: "Pallets moved dock to dock without putaway",
      source_kind: "wms",
      target_kind: "erp",
      owner: "Outbound",
      system_of_record: "wms",
      sla_minutes: 45,
      registered: true,
    });
    expect(await auditRows("workflow.create", id)).toEqual([
      {
        actor: "admin@example.com",
        target_type: "workflow",
        before: null,
        after: {
          name: "cross_dock_transfer",
          description: "Pallets moved dock to dock without putaway",
          sourceKind: "wms",
          targetKind: "erp",
          owner: "Outbound",
          systemOfRecord: "wms",
          slaMinutes: 45,
          registered: true,
        },
      },
    ]);
    expect((await listWorkflows(db.prisma)).find((w) => w.id === id)).toMatchObject({
      name: "cross_dock_transfer",
      sourceKind: "wms",
      targetKind: "erp",
      slaMinutes: 45,
      registered: true,
    });
  });

  it("stores empty optional fields as none", async () => {
    const { id } = await createWorkflowOk({
      name: "yard_move",
      description: "",
      sourceKind: "",
      targetKind: null,
      owner: "  ",
      systemOfRecord: "",
      slaMinutes: 30,
    });
    expect(await workflowRow("yard_move")).toMatchObject({
      id,
      description: null,
      source_kind: null,
      target_kind: null,
      owner: null,
      system_of_record: null,
      sla_minutes: 30,
    });
  });

  it("refuses invalid fields with 400 and field errors, creating nothing", async () => {
    const before = await count("workflows");
    const base = { name: "valid_name", slaMinutes: 60 };
    for (const name of ["Goods_Receipt", "goods receipt", "1st_flow", "goods__receipt", "goods-receipt", ""]) {
      expect(await createWorkflowAction({ ...base, name })).toMatchObject({
        ok: false,
        status: 400,
        fieldErrors: { name: expect.any(String) },
      });
    }
    for (const slaMinutes of [0, -5, 100_001, 1.5, Number.NaN]) {
      expect(await createWorkflowAction({ ...base, slaMinutes })).toMatchObject({
        ok: false,
        status: 400,
        fieldErrors: { slaMinutes: expect.stringContaining("minutes") },
      });
    }
    expect(await createWorkflowAction({ ...base, sourceKind: "mainframe" as never })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { sourceKind: expect.stringContaining("wms") },
    });
    expect(await createWorkflowAction({ ...base, systemOfRecord: "sap" as never })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { systemOfRecord: expect.any(String) },
    });
    expect(await createWorkflowAction({ ...base, owner: "x".repeat(201) })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { owner: expect.any(String) },
    });
    expect(await count("workflows")).toBe(before);
    // The bounds themselves are allowed.
    await createWorkflowOk({ name: "sla_min", slaMinutes: 1 });
    await createWorkflowOk({ name: "sla_max", slaMinutes: 100_000 });
  });

  it("answers 409 for a name that exists, registered or first seen at ingest, changing nothing", async () => {
    await createWorkflowOk({ name: "dock_appointment", owner: "Inbound", slaMinutes: 20 });
    const auditBefore = await count("audit_log");
    expect(
      await createWorkflowAction({ name: "dock_appointment", owner: "Someone else", slaMinutes: 999 }),
    ).toMatchObject({ ok: false, status: 409 });
    expect(await workflowRow("dock_appointment")).toMatchObject({ owner: "Inbound", sla_minutes: 20 });

    await db.pool.query(`INSERT INTO workflows (name, registered) VALUES ('seen_only', false)`);
    const res = await createWorkflowAction({ name: "seen_only", slaMinutes: 10 });
    expect(res).toMatchObject({ ok: false, status: 409, message: expect.stringContaining("Register") });
    expect(await workflowRow("seen_only")).toMatchObject({ registered: false, sla_minutes: 60 });
    expect(await count("audit_log")).toBe(auditBefore);
  });

  it("edits only the given fields, auditing the changed ones before and after; the new SLA is what the row holds", async () => {
    const { id } = await createWorkflowOk({
      name: "carrier_booking",
      description: "Book a carrier",
      sourceKind: "erp",
      targetKind: "carrier",
      owner: "Transport",
      systemOfRecord: "erp",
      slaMinutes: 60,
    });
    const res = await updateWorkflowAction({ id, slaMinutes: 15, owner: "Outbound transport" });
    expect(res).toEqual({ ok: true, data: { id, name: "carrier_booking", changed: ["owner", "slaMinutes"] } });
    // Dashboards judge "stuck" from this column: it must hold the new SLA, with the rest untouched.
    expect(await workflowRow("carrier_booking")).toMatchObject({
      sla_minutes: 15,
      owner: "Outbound transport",
      description: "Book a carrier",
      source_kind: "erp",
      target_kind: "carrier",
      system_of_record: "erp",
      registered: true,
    });
    expect((await listWorkflows(db.prisma)).find((w) => w.id === id)?.slaMinutes).toBe(15);
    expect(await auditRows("workflow.update", id)).toEqual([
      {
        actor: "admin@example.com",
        target_type: "workflow",
        before: { name: "carrier_booking", owner: "Transport", slaMinutes: 60 },
        after: { name: "carrier_booking", owner: "Outbound transport", slaMinutes: 15 },
      },
    ]);

    // Clearing a field and changing direction.
    expect(await updateWorkflowAction({ id, description: "", targetKind: "edi" })).toMatchObject({
      ok: true,
      data: { changed: ["description", "targetKind"] },
    });
    expect(await workflowRow("carrier_booking")).toMatchObject({
      description: null,
      target_kind: "edi",
      sla_minutes: 15,
    });
  });

  it("writes no audit row when nothing changes", async () => {
    const { id } = await createWorkflowOk({ name: "label_print", owner: "Outbound", slaMinutes: 5 });
    expect(await updateWorkflowAction({ id, owner: "Outbound", slaMinutes: 5 })).toEqual({
      ok: true,
      data: { id, name: "label_print", changed: [] },
    });
    expect(await auditRows("workflow.update", id)).toEqual([]);
  });

  it("refuses an invalid edit with field errors, and answers 404 for an unknown workflow", async () => {
    const { id } = await createWorkflowOk({ name: "cycle_count", slaMinutes: 90 });
    expect(await updateWorkflowAction({ id, slaMinutes: 0 })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { slaMinutes: expect.any(String) },
    });
    expect(await updateWorkflowAction({ id, slaMinutes: 100_001 })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { slaMinutes: expect.any(String) },
    });
    expect(await updateWorkflowAction({ id, targetKind: "nope" as never })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { targetKind: expect.any(String) },
    });
    expect(await workflowRow("cycle_count")).toMatchObject({ sla_minutes: 90, target_kind: null });
    expect(await auditRows("workflow.update", id)).toEqual([]);
    expect(await updateWorkflowAction({ id: 999_999, slaMinutes: 10 })).toMatchObject({ ok: false, status: 404 });
  });

  it("registers a workflow first seen at ingest, which keeps receiving its transactions", async () => {
    const key = await createKey("wms-registering");
    const events = (ref: string) =>
      shipmentEvents(ref).map((e) => ({ ...(e as object), workflow: "cross_border_customs" }));
    expect((await ingest(key, { events: events("SHP-CUSTOMS-1") })).status).toBeLessThan(300);
    const seen = await workflowRow("cross_border_customs");
    expect(seen).toMatchObject({ registered: false, sla_minutes: 60 });
    const listed = await listWorkflows(db.prisma);
    const position = listed.findIndex((w) => w.name === "cross_border_customs");
    expect(listed[position]).toMatchObject({ registered: false });
    expect(position).toBeLessThan(listed.findIndex((w) => w.registered)); // the waiting ones come first

    expect(await updateWorkflowAction({ id: seen.id })).toEqual({
      ok: true,
      data: { id: seen.id, name: "cross_border_customs", changed: ["registered"] },
    });
    expect(await workflowRow("cross_border_customs")).toMatchObject({ registered: true });
    expect(await auditRows("workflow.update", seen.id)).toEqual([
      {
        actor: "admin@example.com",
        target_type: "workflow",
        before: { name: "cross_border_customs", registered: false },
        after: { name: "cross_border_customs", registered: true },
      },
    ]);
    // Registering twice changes nothing.
    expect(await updateWorkflowAction({ id: seen.id })).toMatchObject({ ok: true, data: { changed: [] } });
    expect(await auditRows("workflow.update", seen.id)).toHaveLength(1);

    // Later events land on the same, still registered, workflow.
    expect((await ingest(key, { events: events("SHP-CUSTOMS-2") })).status).toBeLessThan(300);
    expect(await workflowRow("cross_border_customs")).toMatchObject({ id: seen.id, registered: true });
    const { rows } = await db.pool.query(
      `SELECT DISTINCT workflow_id FROM transactions WHERE business_key LIKE 'SHP-CUSTOMS-%'`,
    );
    expect(rows).toEqual([{ workflow_id: seen.id }]);
  });

  it("registers a workflow first seen at ingest when it is edited", async () => {
    await db.pool.query(`INSERT INTO workflows (name, registered) VALUES ('pallet_swap', false)`);
    const { id } = await workflowRow("pallet_swap");
    expect(await updateWorkflowAction({ id, slaMinutes: 25, owner: "Yard" })).toMatchObject({
      ok: true,
      data: { changed: ["owner", "slaMinutes", "registered"] },
    });
    expect(await workflowRow("pallet_swap")).toMatchObject({ registered: true, sla_minutes: 25, owner: "Yard" });
    expect(await auditRows("workflow.update", id)).toEqual([
      {
        actor: "admin@example.com",
        target_type: "workflow",
        before: { name: "pallet_swap", owner: null, slaMinutes: 60, registered: false },
        after: { name: "pallet_swap", owner: "Yard", slaMinutes: 25, registered: true },
      },
    ]);
  });
});

async function createKey(systemName: string) {
  return okData(await createApiKeyAction({ systemName, scopes: ["ingest"] })).key;
}

describe("systems", () => {
  it("adds a system with a kind, a site and a replay endpoint, and audits it", async () => {
    const { id, name } = await createSystemOk({
      name: "wms-north",
      kind: "wms",
      siteCode: "east",
      replayEndpoint: " https://boomi.example.com/replay ",
    });
    expect(name).toBe("wms-north");
    expect(await systemRow(id)).toEqual({
      name: "wms-north",
      kind: "wms",
      site: "east",
      replay_endpoint: "https://boomi.example.com/replay",
    });
    expect(await auditRows("system.create", id)).toEqual([
      {
        actor: "admin@example.com",
        target_type: "system",
        before: null,
        after: { name: "wms-north", kind: "wms", site: "east", replayEndpoint: "https://boomi.example.com/replay" },
      },
    ]);
    expect((await listSystems(db.prisma)).find((s) => s.id === id)).toEqual({
      id,
      name: "wms-north",
      kind: "wms",
      siteCode: "east",
      replayEndpoint: "https://boomi.example.com/replay",
      replay: { authHeaderSet: false, timeoutMs: 10000, recordCheckUrl: null, concurrency: 10, ratePerSecond: 20 },
      activeApiKeys: 0,
      apiKeys: 0,
      createdAt: expect.any(String),
    });

    // No site and no endpoint; an internal host name is a valid endpoint.
    const plain = await createSystemOk({ name: "erp-cloud-2", kind: "erp", siteCode: "", replayEndpoint: "" });
    expect(await systemRow(plain.id)).toEqual({ name: "erp-cloud-2", kind: "erp", site: null, replay_endpoint: null });
    const internal = await createSystemOk({
      name: "esb",
      kind: "middleware",
      replayEndpoint: "http://esb-01:8080/redeliver",
    });
    expect((await systemRow(internal.id)).replay_endpoint).toBe("http://esb-01:8080/redeliver");
  });

  it("refuses invalid fields with 400 and field errors, and an unknown site with 400, creating nothing", async () => {
    const before = await count("systems");
    const base = { name: "valid-system", kind: "wms" as const };
    for (const name of ["WMS-North", "wms_north", "wms north", "-wms", "wms-", ""]) {
      expect(await createSystemAction({ ...base, name })).toMatchObject({
        ok: false,
        status: 400,
        fieldErrors: { name: expect.any(String) },
      });
    }
    expect(await createSystemAction({ ...base, kind: "mainframe" as never })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { kind: expect.stringContaining("middleware") },
    });
    for (const replayEndpoint of [
      "ftp://files.example.com/replay",
      "not a url",
      "example.com/replay",
      "javascript:alert(1)",
      "https://user:secret@esb.example.com/replay",
    ]) {
      expect(await createSystemAction({ ...base, replayEndpoint })).toMatchObject({
        ok: false,
        status: 400,
        fieldErrors: { replayEndpoint: expect.any(String) },
      });
    }
    expect(await createSystemAction({ ...base, siteCode: "atlantis" })).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringContaining("atlantis"),
    });
    expect(await count("systems")).toBe(before);
  });

  it("answers 409 for a name that exists, on create and on rename, changing nothing", async () => {
    const first = await createSystemOk({ name: "carrier-dhl", kind: "carrier" });
    const second = await createSystemOk({ name: "carrier-fedex", kind: "carrier" });
    const auditBefore = await count("audit_log");
    expect(await createSystemAction({ name: "carrier-dhl", kind: "edi" })).toMatchObject({ ok: false, status: 409 });
    expect(await updateSystemAction({ id: second.id, name: "carrier-dhl", kind: "other" })).toMatchObject({
      ok: false,
      status: 409,
      message: expect.stringContaining("carrier-dhl"),
    });
    expect(await systemRow(first.id)).toMatchObject({ name: "carrier-dhl", kind: "carrier" });
    expect(await systemRow(second.id)).toMatchObject({ name: "carrier-fedex", kind: "carrier" });
    expect(await count("audit_log")).toBe(auditBefore);
  });

  it("edits a system, auditing the changed fields; a renamed system's API keys keep working", async () => {
    const key = await createKey("wms-west");
    const { id } = (await listSystems(db.prisma)).find((s) => s.name === "wms-west")!;
    expect(await systemRow(id)).toMatchObject({ kind: "middleware", site: null }); // as the API keys screen registered it

    const res = await updateSystemAction({
      id,
      name: "wms-west-2",
      kind: "wms",
      siteCode: "south",
      replayEndpoint: "https://mule.example.com/replay",
    });
    expect(res).toEqual({
      ok: true,
      data: { id, name: "wms-west-2", changed: ["name", "kind", "site", "replayEndpoint"] },
    });
    expect(await systemRow(id)).toEqual({
      name: "wms-west-2",
      kind: "wms",
      site: "south",
      replay_endpoint: "https://mule.example.com/replay",
    });
    expect(await auditRows("system.update", id)).toEqual([
      {
        actor: "admin@example.com",
        target_type: "system",
        before: { name: "wms-west", kind: "middleware", site: null, replayEndpoint: null },
        after: { name: "wms-west-2", kind: "wms", site: "south", replayEndpoint: "https://mule.example.com/replay" },
      },
    ]);
    expect((await ingest(key, { events: shipmentEvents("SHP-RENAMED") })).status).toBeLessThan(300);
    const { rows } = await db.pool.query(
      `SELECT sender_system_id FROM transactions WHERE business_key = 'SHP-RENAMED'`,
    );
    expect(rows).toEqual([{ sender_system_id: id }]);

    // Clearing the site and endpoint; absent fields stay.
    expect(await updateSystemAction({ id, siteCode: "", replayEndpoint: null })).toMatchObject({
      ok: true,
      data: { changed: ["site", "replayEndpoint"] },
    });
    expect(await systemRow(id)).toEqual({ name: "wms-west-2", kind: "wms", site: null, replay_endpoint: null });
    expect((await auditRows("system.update", id))[1]).toEqual({
      actor: "admin@example.com",
      target_type: "system",
      before: { name: "wms-west-2", site: "south", replayEndpoint: "https://mule.example.com/replay" },
      after: { name: "wms-west-2", site: null, replayEndpoint: null },
    });
  });

  it("writes no audit row when nothing changes, refuses invalid edits and answers 404 for an unknown system", async () => {
    const { id } = await createSystemOk({ name: "edi-van", kind: "edi", siteCode: "east" });
    expect(
      await updateSystemAction({ id, name: "edi-van", kind: "edi", siteCode: "east", replayEndpoint: "" }),
    ).toEqual({ ok: true, data: { id, name: "edi-van", changed: [] } });
    expect(await updateSystemAction({ id, replayEndpoint: "ftp://x.example.com" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { replayEndpoint: expect.any(String) },
    });
    expect(await updateSystemAction({ id, name: "EDI VAN" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { name: expect.any(String) },
    });
    expect(await updateSystemAction({ id, siteCode: "atlantis" })).toMatchObject({ ok: false, status: 400 });
    expect(await systemRow(id)).toEqual({ name: "edi-van", kind: "edi", site: "east", replay_endpoint: null });
    expect(await auditRows("system.update", id)).toEqual([]);
    expect(await updateSystemAction({ id: 999_999, kind: "erp" })).toMatchObject({ ok: false, status: 404 });
  });

  it("lists how many active and revoked API keys send as each system", async () => {
    await createKey("commerce-eu");
    await createKey("commerce-eu");
    const revoked = await createApiKeyAction({ systemName: "commerce-eu", scopes: ["read"] });
    if (!revoked.ok) throw new Error(revoked.message);
    expect(await revokeApiKeyAction({ id: revoked.data.id })).toMatchObject({ ok: true });
    expect((await listSystems(db.prisma)).find((s) => s.name === "commerce-eu")).toMatchObject({
      activeApiKeys: 2,
      apiKeys: 3,
    });
  });
});

describe("CloudEvents types", () => {
  it("an admin maps a type to a workflow and stage, replaces and removes it; bad fields are field errors", async () => {
    await createWorkflowOk({ name: "yard_slot", slaMinutes: 30 });
    expect(
      await setCloudEventTypeAction({ type: "com.acme.yard.DockBooked", workflow: "yard_slot", stage: "received" }),
    ).toMatchObject({ ok: true });
    expect(
      await setCloudEventTypeAction({ type: "com.acme.yard.DockBooked", workflow: "yard_slot", stage: "" }),
    ).toMatchObject({ ok: true });
    expect((await listCloudEventTypes(db.prisma)).find((t) => t.type === "com.acme.yard.DockBooked")).toMatchObject({
      workflow: "yard_slot",
      stage: null,
    });
    const bad = await setCloudEventTypeAction({ type: "", workflow: "Yard Slot", stage: "booked" });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(Object.keys((bad as { fieldErrors: Record<string, string> }).fieldErrors).sort()).toEqual([
      "stage",
      "type",
      "workflow",
    ]);
    expect(
      await setCloudEventTypeAction({ type: "com.acme.x", workflow: "not_registered_here", stage: null }),
    ).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/no workflow not_registered_here/) });
    expect(await removeCloudEventTypeAction({ type: "com.acme.yard.DockBooked" })).toMatchObject({ ok: true });
    expect(await removeCloudEventTypeAction({ type: "com.acme.yard.DockBooked" })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect((await listCloudEventTypes(db.prisma)).map((t) => t.type)).not.toContain("com.acme.yard.DockBooked");
  });

  it("only admins may change the mapping", async () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      signInAsRole(role);
      expect(
        await setCloudEventTypeAction({ type: "com.acme.probe", workflow: "yard_slot", stage: null }),
      ).toMatchObject({ ok: false, status: 403 });
      expect(await removeCloudEventTypeAction({ type: "com.acme.probe" })).toMatchObject({ ok: false, status: 403 });
    }
    signInAsRole(null);
    expect(await setCloudEventTypeAction({ type: "com.acme.probe", workflow: "yard_slot", stage: null })).toMatchObject(
      { ok: false, status: 401 },
    );
    expect(await count("cloudevent_types")).toBe(0);
  });
});

describe("outbound addresses in the systems form", () => {
  it("a replay endpoint inside the network is a field error that says why", async () => {
    const res = await createSystemAction({
      name: "erp-metadata",
      kind: "erp",
      replayEndpoint: "http://169.254.169.254/latest/meta-data/",
    });
    expect(res).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: {
        replayEndpoint:
          "169.254.169.254 is a link-local address; outbound calls to private networks are refused unless CROSSDOCK_ALLOWED_PRIVATE_HOSTS lists it.",
      },
    });
    expect((await db.pool.query("SELECT 1 FROM systems WHERE name = 'erp-metadata'")).rowCount).toBe(0);
  });
});

describe("access", () => {
  it("refuses every other role with 403 and a signed-out caller with 401, changing nothing", async () => {
    const workflow = await createWorkflowOk({ name: "access_probe", owner: "Probe", slaMinutes: 33 });
    const system = await createSystemOk({ name: "access-probe", kind: "other" });
    const workflowBefore = await workflowRow("access_probe");
    const systemBefore = await systemRow(system.id);
    const counts = async () => [await count("audit_log"), await count("workflows"), await count("systems")];
    const countsBefore = await counts();

    const attempts = (suffix: string) => [
      () => createWorkflowAction({ name: `probe_${suffix}`, slaMinutes: 10 }),
      () => updateWorkflowAction({ id: workflow.id, slaMinutes: 1 }),
      () => createSystemAction({ name: `probe-${suffix}`, kind: "wms" }),
      () => updateSystemAction({ id: system.id, name: `renamed-${suffix}` }),
    ];
    for (const role of ROLES.filter((r) => r !== "admin")) {
      signInAsRole(role);
      for (const attempt of attempts(role.replaceAll("_", "")))
        expect(await attempt()).toMatchObject({ ok: false, status: 403 });
    }
    signInAsRole(null);
    for (const attempt of attempts("anon")) expect(await attempt()).toMatchObject({ ok: false, status: 401 });

    expect(await workflowRow("access_probe")).toEqual(workflowBefore);
    expect(await systemRow(system.id)).toEqual(systemBefore);
    expect(await counts()).toEqual(countsBefore);
  });

  it("shows the pages to admins only", async () => {
    for (const render of [() => WorkflowsPage(), () => SystemsPage()]) {
      signInAsRole("admin");
      expect(await pageOutcome(render)).toBe(200);
      for (const role of ROLES.filter((r) => r !== "admin")) {
        signInAsRole(role);
        expect(await pageOutcome(render)).toBe(403);
      }
      signInAsRole(null);
      expect(await pageOutcome(render)).toBe("signin");
    }
  });
});

describe("per-site SLAs in the workflow form", () => {
  it("sets, lists and clears them from the form's text, and says what it cannot read", async () => {
    const { id } = await createWorkflowOk({ name: "batch_transfer", slaMinutes: 30, siteSlas: "south=270" });
    const listed = async () => (await listWorkflows(db.prisma)).find((w) => w.id === id)?.siteSlas;
    expect(await listed()).toEqual({ south: 270 });

    expect(await updateWorkflowAction({ id, siteSlas: "south=240, east=45" })).toEqual({
      ok: true,
      data: { id, name: "batch_transfer", changed: ["siteSlas"] },
    });
    expect(await listed()).toEqual({ east: 45, south: 240 });
    // The same set in another order is no change (and no audit row).
    expect(okData(await updateWorkflowAction({ id, siteSlas: "east=45,south=240" })).changed).toEqual([]);

    expect(await updateWorkflowAction({ id, siteSlas: "south=soon" })).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { siteSlas: '"south=soon": write site=minutes, e.g. south=270.' },
    });
    expect(await updateWorkflowAction({ id, siteSlas: "south=0" })).toMatchObject({
      ok: false,
      fieldErrors: { "siteSlas.south": "The SLA is between 1 and 100,000 minutes." },
    });
    expect(await updateWorkflowAction({ id, siteSlas: "west=60" })).toMatchObject({
      ok: false,
      status: 400,
      message: "There is no site west; per-site SLAs name sites of the catalogue.",
    });
    expect(await listed()).toEqual({ east: 45, south: 240 });

    okData(await updateWorkflowAction({ id, siteSlas: "" }));
    expect(await listed()).toEqual({});
    expect((await auditRows("workflow.update", id)).map((r) => [r.before.siteSlas, r.after.siteSlas])).toEqual([
      [{ south: 270 }, { east: 45, south: 240 }],
      [{ east: 45, south: 240 }, {}],
    ]);
  });
});
