import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { siteScopeOf } from "@/lib/auth/site-scope";
import { searchDestination } from "@/lib/domain/search-destination";
import { migrate } from "@/lib/postgres/migrate";
import { searchSql, searchTransactions } from "@/lib/queries/search-transactions";
import { ingest, newApiKey } from "../helpers/api";
import { useTestDatabase } from "../helpers/test-database";

// The header search against real PostgreSQL: every kind of reference, exact before
// prefix, literal wildcards, site scoping, and a plan that never scans the table.

const db = useTestDatabase();
const ids: Record<string, string> = {};

function received(tx: string, site: string, extra: Record<string, unknown>) {
  return {
    id: `${tx}-1`,
    transactionId: tx,
    workflow: "shipment_confirmation",
    stage: "received",
    layer: "source_api",
    occurredAt: "2026-11-02T09:00:00Z",
    site,
    source: "wms-east",
    target: "erp-cloud",
    ...extra,
  };
}

beforeAll(async () => {
  const key = await newApiKey(db.pool);
  const res = await ingest(key, {
    events: [
      received("TX-SRCH-1", "east", {
        businessKey: "SHP-7001",
        refs: {
          shipmentId: "SHP-7001",
          orderId: "SO-88001",
          loadId: "L-5501",
          sku: "SKU-4411",
          customerId: "C-100234",
        },
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      }),
      received("TX-SRCH-2", "east", {
        businessKey: "SHP-70011",
        refs: { shipmentId: "SHP-70011", orderId: "SO-88002", loadId: "L-5501", invoiceId: "INV-9001" },
      }),
      received("TX-SRCH-3", "east", { businessKey: "SHP-70012", refs: { shipmentId: "SHP-70012", sku: "SKU-4411" } }),
      received("TX-SRCH-SOUTH", "south", {
        businessKey: "SHP-7002",
        refs: { shipmentId: "SHP-7002", loadId: "L-5501" },
      }),
      received("TX-SRCH-PCT", "east", { businessKey: "ODD_100%" }),
    ],
  });
  expect(res.body.rejected).toBe(0);
  const { rows } = await db.pool.query<{ id: string; external_id: string }>(`SELECT id, external_id FROM transactions`);
  for (const r of rows) ids[r.external_id] = r.id;
});

const keys = async (q: string, sites: string[] = []) =>
  (await searchTransactions(db.prisma, q, siteScopeOf(sites))).hits.map((h) => h.transaction.transactionId);

describe("searchTransactions", () => {
  it("finds a transaction by its exact business key and says so", async () => {
    const result = await searchTransactions(db.prisma, "SHP-7001");
    // The exact match first; the two that merely start with it after.
    expect(result.hits[0]).toMatchObject({
      matchedOn: "businessKey",
      exact: true,
      transaction: { transactionId: "TX-SRCH-1" },
    });
    expect(new Set(result.hits.slice(1).map((h) => h.transaction.transactionId))).toEqual(
      new Set(["TX-SRCH-2", "TX-SRCH-3"]),
    );
    expect(result.hits.slice(1).every((h) => !h.exact && h.matchedOn === "businessKey")).toBe(true);
    // One exact match among prefixes: the search goes straight to it.
    expect(searchDestination(result.hits.map((h) => ({ id: h.transaction.id, exact: h.exact })))).toEqual({
      kind: "trace",
      id: ids["TX-SRCH-1"],
    });
  });

  it("finds by every business reference, by the sender's id, by Crossdock's id and by trace id", async () => {
    expect(await keys("SO-88002")).toEqual(["TX-SRCH-2"]);
    expect(await keys("INV-9001")).toEqual(["TX-SRCH-2"]);
    expect(await keys("C-100234")).toEqual(["TX-SRCH-1"]);
    expect((await keys("SKU-4411")).sort()).toEqual(["TX-SRCH-1", "TX-SRCH-3"]);
    expect((await keys("L-5501")).sort()).toEqual(["TX-SRCH-1", "TX-SRCH-2", "TX-SRCH-SOUTH"]);
    expect(await keys("TX-SRCH-2")).toEqual(["TX-SRCH-2"]);
    expect(await keys(ids["TX-SRCH-3"]!)).toEqual(["TX-SRCH-3"]);
    expect(await keys("4bf92f3577b34da6a3ce929d0e0e4736")).toEqual(["TX-SRCH-1"]);
    const byId = await searchTransactions(db.prisma, ids["TX-SRCH-3"]!);
    expect(byId.hits[0]).toMatchObject({ matchedOn: "id", exact: true });
  });

  it("matches references by prefix, but ids and trace ids only exactly, and not below three characters", async () => {
    expect((await keys("SO-880")).sort()).toEqual(["TX-SRCH-1", "TX-SRCH-2"]);
    expect(await keys("TX-SRCH")).toEqual([]);
    expect(await keys("4bf92f3577b34da6")).toEqual([]);
    expect(await keys("SH")).toEqual([]);
  });

  it("treats % and _ as characters, not wildcards", async () => {
    expect(await keys("ODD_100%")).toEqual(["TX-SRCH-PCT"]);
    expect(await keys("SHP%")).toEqual([]);
    expect(await keys("SHP_7001")).toEqual([]);
  });

  it("never finds another site's transaction for a user limited to sites", async () => {
    expect(await keys("SHP-7002", ["east"])).toEqual([]);
    expect(await keys("TX-SRCH-SOUTH", ["east"])).toEqual([]);
    expect(await keys(ids["TX-SRCH-SOUTH"]!, ["east"])).toEqual([]);
    expect((await keys("L-5501", ["east"])).sort()).toEqual(["TX-SRCH-1", "TX-SRCH-2"]);
    expect(await keys("SHP-7002", ["south"])).toEqual(["TX-SRCH-SOUTH"]);
  });

  it("says when there are more matches than it returns", async () => {
    const result = await searchTransactions(db.prisma, "SHP-700", undefined, 2);
    expect(result.hits).toHaveLength(2);
    expect(result.truncated).toBe(true);
  });

  it("reads only indexes, never the whole transactions table", async () => {
    for (const [q, sites] of [
      ["SHP-7001", []],
      [ids["TX-SRCH-1"]!, ["east"]],
    ] as const) {
      const plan = await db.prisma.$transaction(async (tx) => {
        // With sequential scans priced out, a branch no index can answer still shows up as one.
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${searchSql(q, siteScopeOf([...sites]), 21)}`;
      });
      const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text, text).not.toMatch(/Seq Scan on transactions/);
      expect(text).toMatch(/Index|Bitmap/);
    }
  });
});

// The test server is initialised with the C collation, where any btree index answers a
// prefix LIKE. Production servers usually have a language collation; prove the prefix
// arms still use an index there.
describe("searchTransactions on a database with a language collation", () => {
  it("answers prefixes from indexes", async () => {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const name = `${db.name}_utf8`;
    const locale = await admin.query<{ name: string }>(
      `SELECT collname AS name FROM pg_collation WHERE collname IN ('C.utf8', 'C.UTF-8', 'en_US.utf8') AND collprovider = 'c' ORDER BY 1 LIMIT 1`,
    );
    expect(locale.rows, "the operating system offers no language locale to create the database with").toHaveLength(1);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE '${locale.rows[0]!.name}'`);
    await admin.end();
    const url = db.url.replace(new RegExp(`/${db.name}(\\?|$)`), `/${name}$1`);
    try {
      await migrate(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const collation = await client.query<{ datcollate: string }>(
          `SELECT datcollate FROM pg_database WHERE datname = current_database()`,
        );
        expect(collation.rows[0]!.datcollate).not.toBe("C");
        await client.query("BEGIN");
        await client.query("SET LOCAL enable_seqscan = off");
        const q = searchSql("SHP-70", siteScopeOf([]), 21);
        const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${q.text}`, q.values as unknown[]);
        const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
        expect(text, text).not.toMatch(/Seq Scan on transactions/);
        await client.query("ROLLBACK");
      } finally {
        await client.end();
      }
    } finally {
      const drop = new pg.Client({ connectionString: db.url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    }
  });
});
