import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { useTestDatabase } from "../helpers/test-database";

// schema.prisma and prisma/migrations are written by hand (the schema engine cannot be
// downloaded here); this proves they agree on the migrated database.
const db = useTestDatabase();

interface RuntimeModel {
  dbName: string | null;
  fields: { name: string; kind: string; dbName?: string }[];
}

describe("schema.prisma and the migrations", () => {
  it("map every model field to a column and every column to a field", async () => {
    const models = (db.prisma as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })
      ._runtimeDataModel.models;
    expect(Object.keys(models).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    for (const [name, model] of Object.entries(models)) {
      const table = model.dbName ?? name;
      const { rows } = await db.pool.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      const columns = rows.map((r) => r.column_name).sort();
      const fields = model.fields
        .filter((f) => f.kind !== "object")
        .map((f) => f.dbName ?? f.name)
        .sort();
      expect({ table, columns }).toEqual({ table, columns: fields });
    }
  });

  it("write and read every model through the generated client", async () => {
    const p = db.prisma;
    const site = await p.site.create({ data: { code: "east", name: "East DC" } });
    const system = await p.system.create({
      data: { name: "wms-east", kind: "wms", siteId: site.id, replayEndpoint: "http://x/replay" },
    });
    const workflow = await p.workflow.create({
      data: {
        name: "shipment_confirmation",
        sourceKind: "wms",
        targetKind: "erp",
        owner: "logistics",
        systemOfRecord: "erp",
        slaMinutes: 30,
      },
    });
    const tx = await p.transaction.create({
      data: {
        id: "00000000-0000-5000-8000-000000000001",
        senderSystemId: system.id,
        externalId: "TX-1",
        workflowId: workflow.id,
        siteId: site.id,
        sourceSystem: "wms-east",
        targetSystem: "erp-cloud",
        businessKey: "SHP-1",
        orderId: "SO-1",
        shipmentId: "SHP-1",
        loadId: "L-1",
        invoiceId: "INV-1",
        sku: "SKU-1",
        customerId: "C-1",
        valueAmount: new Prisma.Decimal("1234.5678"),
        valueCurrency: "USD",
        quantity: new Prisma.Decimal("12"),
        status: "failed",
        currentLayer: "target_api",
        failedLayer: "target_api",
        errorCode: "E",
        errorMessage: "m",
        errorSignature: "s",
        everFailed: true,
        attempts: 2,
        eventCount: 1,
        firstEventAt: new Date("2026-11-01T00:00:00Z"),
        lastEventAt: new Date("2026-11-01T00:01:00Z"),
        completedAt: null,
        latencyMs: 60_000,
        traceId: "t",
      },
    });
    const event = await p.event.create({
      data: {
        senderSystemId: system.id,
        eventId: "E-1",
        transactionId: tx.id,
        workflow: "shipment_confirmation",
        stage: "failed",
        layer: "target_api",
        occurredAt: new Date(),
        durationMs: 5,
        refs: { loadId: "L-1", returnId: "R-9" },
        valueAmount: new Prisma.Decimal("1.5"),
        valueCurrency: "EUR",
        errorRetryable: false,
        attempt: 2,
        spanId: "s",
        parentSpanId: "p",
        payload: { create: { payload: { nested: { ok: true } } } },
      },
    });
    await p.user.create({ data: { email: "a@example.com", role: "admin", sites: ["east"], passwordHash: "h" } });
    const apiKey = await p.apiKey.create({
      data: { prefix: "cdk_x", hash: "h", systemId: system.id, scopes: ["ingest"], sites: ["east"] },
    });
    await p.apiIdempotencyKey.create({
      data: {
        apiKeyId: apiKey.id,
        key: "k",
        fingerprint: "f",
        statusCode: 202,
        response: { a: 1 },
        expiresAt: new Date(),
      },
    });
    await p.auditLog.create({ data: { actor: "test", action: "x", before: { a: 1 }, after: { a: 2 } } });
    await p.rateLimit.create({ data: { key: "signin:a@example.com", points: 3, expire: BigInt(Date.now()) } });
    await p.redactionRule.create({ data: { path: "order.notes", createdBy: "test" } });

    const read = await p.transaction.findFirstOrThrow({
      where: { senderSystemId: system.id, externalId: "TX-1" },
      include: { workflow: true, site: true, senderSystem: true, events: { include: { payload: true } } },
    });
    expect(read.valueAmount?.toString()).toBe("1234.5678");
    expect(read.valueCurrency).toBe("USD");
    expect(read.workflow.slaMinutes).toBe(30);
    expect(read.events[0]?.payload?.payload).toEqual({ nested: { ok: true } });
    expect(read.events[0]?.id).toBe(event.id);
    expect(await p.user.findUniqueOrThrow({ where: { email: "a@example.com" } })).toMatchObject({ sites: ["east"] });
    expect(await p.apiKey.findFirstOrThrow()).toMatchObject({ sites: ["east"] });
    expect((await p.apiIdempotencyKey.findFirstOrThrow()).response).toEqual({ a: 1 });
    expect((await p.auditLog.findFirstOrThrow()).after).toEqual({ a: 2 });
    expect((await p.rateLimit.findUniqueOrThrow({ where: { key: "signin:a@example.com" } })).points).toBe(3);
    expect(await p.redactionRule.count({ where: { createdBy: "default" } })).toBeGreaterThan(0);
  });
});
