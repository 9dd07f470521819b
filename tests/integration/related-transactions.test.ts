import { beforeAll, describe, expect, it } from "vitest";
import { siteScopeOf } from "@/lib/auth/site-scope";
import { getRelatedTransactions } from "@/lib/queries/get-related-transactions";
import { getTransaction } from "@/lib/queries/get-transaction";
import { ingest, newApiKey } from "../helpers/api";
import { useTestDatabase } from "../helpers/test-database";

// One customer order through its chain: released to the warehouse, shipped on a load,
// invoiced by load. The invoice never names the order: it is found through the shipment.

const db = useTestDatabase();

function tx(n: string, workflow: string, site: string, minute: number, refs: Record<string, string>) {
  return {
    id: `REL-${n}-1`,
    transactionId: `TX-REL-${n}`,
    workflow,
    stage: "received",
    layer: "source_api",
    occurredAt: new Date(Date.parse("2026-11-02T08:00:00Z") + minute * 60_000).toISOString(),
    site,
    businessKey: `BK-${n}`,
    refs,
  };
}

beforeAll(async () => {
  const key = await newApiKey(db.pool);
  const res = await ingest(key, {
    events: [
      // Sent out of chain order on purpose: the list is ordered by the chain, not by arrival.
      tx("INV", "invoice_posting", "east", 30, { loadId: "L-REL-1", invoiceId: "INV-REL-1" }),
      tx("SHP", "shipment_confirmation", "east", 20, {
        orderId: "SO-REL-1",
        shipmentId: "SHP-REL-1",
        loadId: "L-REL-1",
      }),
      tx("ORD", "order_release", "east", 0, { orderId: "SO-REL-1" }),
      tx("PICK", "pick_confirmation", "east", 10, { orderId: "SO-REL-1" }),
      tx("OTHER", "order_release", "east", 5, { orderId: "SO-REL-2" }),
      // Another site shipped part of the same order on its own load, invoiced there too.
      tx("SHP-S", "shipment_confirmation", "south", 21, {
        orderId: "SO-REL-1",
        shipmentId: "SHP-REL-2",
        loadId: "L-REL-2",
      }),
      tx("INV-S", "invoice_posting", "east", 31, { loadId: "L-REL-2", invoiceId: "INV-REL-2" }),
    ],
  });
  expect(res.body.rejected).toBe(0);
});

async function relatedOf(externalId: string, sites: string[] = []) {
  const lookup = await getTransaction(db.prisma, externalId);
  if (!("found" in lookup)) throw new Error(`${externalId} not found`);
  return getRelatedTransactions(db.prisma, lookup.found.transaction, siteScopeOf(sites));
}

describe("getRelatedTransactions", () => {
  it("follows an order to its pick, shipments and invoices, in chain order, and never to other orders", async () => {
    const { related, truncated } = await relatedOf("TX-REL-ORD");
    expect(related.map((r) => r.transaction.transactionId)).toEqual([
      "TX-REL-PICK",
      "TX-REL-SHP",
      "TX-REL-SHP-S",
      "TX-REL-INV",
      "TX-REL-INV-S",
    ]);
    expect(truncated).toBe(false);
    expect(related.find((r) => r.transaction.transactionId === "TX-REL-SHP")!.via).toEqual({
      ref: "orderId",
      value: "SO-REL-1",
    });
    expect(related.find((r) => r.transaction.transactionId === "TX-REL-INV")!.via).toEqual({
      ref: "loadId",
      value: "L-REL-1",
    });
  });

  it("goes back from an invoice to its shipment and the order", async () => {
    const ids = (await relatedOf("TX-REL-INV")).related.map((r) => r.transaction.transactionId);
    expect(ids).toEqual(expect.arrayContaining(["TX-REL-SHP", "TX-REL-ORD"]));
    expect(ids).not.toContain("TX-REL-INV");
    expect(ids).not.toContain("TX-REL-OTHER");
  });

  it("shows a user limited to sites neither another site's transactions nor what is only linked through them", async () => {
    const ids = (await relatedOf("TX-REL-ORD", ["east"])).related.map((r) => r.transaction.transactionId);
    expect(ids).toEqual(["TX-REL-PICK", "TX-REL-SHP", "TX-REL-INV"]);
  });

  it("has nothing to follow for a transaction without order, shipment or load", async () => {
    expect(
      await getRelatedTransactions(db.prisma, {
        id: "00000000-0000-0000-0000-000000000000",
        refs: { orderId: null, shipmentId: null, loadId: null, invoiceId: "X", sku: null, customerId: null },
      }),
    ).toEqual({ related: [], truncated: false });
  });

  it("stops at the limit and says so", async () => {
    const lookup = await getTransaction(db.prisma, "TX-REL-ORD");
    if (!("found" in lookup)) throw new Error("not found");
    const result = await getRelatedTransactions(db.prisma, lookup.found.transaction, undefined, 2);
    expect(result.related).toHaveLength(2);
    expect(result.truncated).toBe(true);
  });
});
