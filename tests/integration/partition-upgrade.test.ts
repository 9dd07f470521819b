import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ALL_SITES } from "@/lib/auth/site-scope";
import { transactionUuid } from "@/lib/domain/transaction-key";
import { ingestNative } from "@/lib/ingest/ingest-native";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/postgres/migrate";
import { seedCatalogue } from "@/lib/services/seed-catalogue";
import { withDatabase } from "../helpers/global-setup";
import { useTestDatabase } from "../helpers/test-database";

// Upgrading a populated database: the migration that partitions events and payloads must
// keep every row (ids included), place each where its transaction's day says, and keep
// refusing re-sent events.
const PARTITIONING = "20261205040000_partitioned_events";
const db = useTestDatabase();

async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "crossdock-migrations-"));
  for (const m of await readMigrations())
    if (m.name < name) await cp(path.join(MIGRATIONS_DIR, m.name), path.join(dir, m.name), { recursive: true });
  return dir;
}

// Three transactions stored the old way: two and one day ago, and one long ago (older than
// the partitions the migration creates), two events each, a payload on the first.
async function insertOldShape(pool: pg.Pool, systemId: number, workflowId: number): Promise<void> {
  const ids = [1, 2, 3].map((k) => transactionUuid(systemId, `TX-UP-${k}`));
  await pool.query(
    `INSERT INTO transactions (id, sender_system_id, external_id, workflow_id, status, current_layer, event_count,
                               first_event_at, last_event_at)
     SELECT ($3::uuid[])[k], $1, 'TX-UP-' || k, $2, 'succeeded', 'target_api', 2,
            now() - make_interval(days => d), now() - make_interval(days => d) + interval '1 minute'
     FROM (VALUES (1, 2), (2, 1), (3, 500)) v(k, d)`,
    [systemId, workflowId, ids],
  );
  await pool.query(
    `INSERT INTO events (sender_system_id, event_id, transaction_id, workflow, stage, layer, occurred_at)
     SELECT t.sender_system_id, t.external_id || '-' || n, t.id, 'shipment_confirmation',
            CASE n WHEN 1 THEN 'received' ELSE 'acknowledged' END, CASE n WHEN 1 THEN 'source_api' ELSE 'target_api' END,
            t.first_event_at + make_interval(secs => n)
     FROM transactions t CROSS JOIN generate_series(1, 2) n WHERE t.external_id LIKE 'TX-UP-%'`,
  );
  await pool.query(
    `INSERT INTO event_payloads (event_id, payload)
     SELECT id, json_build_object('doc', event_id) FROM events WHERE event_id LIKE '%-1'`,
  );
}

describe("the partitioning migration on a populated database", () => {
  it("keeps every event and payload, in its transaction's day, and stays idempotent", async () => {
    const dir = await migrationsBefore(PARTITIONING);
    const name = `${db.name}_upgrade`;
    await db.pool.query(`CREATE DATABASE ${name}`);
    const url = withDatabase(db.url, name);
    const pool = new pg.Pool({ connectionString: url });
    pool.on("error", () => undefined); // its connections are ended by DROP DATABASE ... FORCE at the end
    try {
      await migrate(url, dir);
      await seedCatalogue(pool);
      const ids = await pool.query<{ system: number; workflow: number }>(
        `SELECT (SELECT id FROM systems WHERE name = 'wms-east') AS system,
                (SELECT id FROM workflows WHERE name = 'shipment_confirmation') AS workflow`,
      );
      const { system, workflow } = ids.rows[0]!;
      await insertOldShape(pool, system, workflow);
      const before = await pool.query(`SELECT id::text, event_id FROM events ORDER BY id`);

      // The partitioning first, then any later migration; before it starts, the operator is
      // told what it will rewrite, how long that takes and what to stop.
      const said: string[] = [];
      expect((await migrate(url, undefined, (line) => said.push(line))).applied[0]).toBe(PARTITIONING);
      expect(said).toHaveLength(2);
      expect(said[0]).toMatch(
        /^crossdock: migration 20261205040000_partitioned_events rewrites events, event_payloads and transactions.*, \d+ MB with their indexes, into day partitions: about \d+ s at the measured ~9 MB\/s\. .*stop ingest and the worker while it runs/,
      );
      expect(said[1]).toMatch(
        /^crossdock: migration 20261205080000_transaction_latency_bigint rewrites transactions, \d+ MB with its indexes, to widen latency_ms: about \d+ s at the measured ~35 MB\/s\./,
      );

      const after = await pool.query(`SELECT id::text, event_id FROM events ORDER BY id`);
      expect(after.rows).toEqual(before.rows);
      const { rows } = await pool.query(
        `SELECT t.external_id, e.event_id, e.tableoid::regclass::text AS part,
                e.storage_day = t.storage_day AS same_day,
                t.storage_day = (t.first_event_at AT TIME ZONE 'UTC')::date AS first_day,
                (SELECT p.payload->>'doc' FROM event_payloads p WHERE p.event_id = e.id) AS doc
         FROM events e JOIN transactions t ON t.id = e.transaction_id ORDER BY e.event_id`,
      );
      const dayPart = (k: number) => (rows.find((r) => r.external_id === `TX-UP-${k}`)!.part as string).slice(0, 9);
      expect(rows.every((r) => r.same_day && r.first_day)).toBe(true);
      expect(rows.filter((r) => r.doc !== null).map((r) => r.doc)).toEqual(["TX-UP-1-1", "TX-UP-2-1", "TX-UP-3-1"]);
      expect([dayPart(1), dayPart(2)]).toEqual(["events_p2", "events_p2"]);
      expect(rows.filter((r) => r.external_id === "TX-UP-3").map((r) => r.part)).toEqual([
        "events_default",
        "events_default",
      ]);
      expect(new Set(rows.filter((r) => r.external_id !== "TX-UP-3").map((r) => r.part)).size).toBe(2);

      // Ingest after the upgrade: a re-send (another time) is a duplicate, a new event joins
      // its transaction's partition, and ids continue from the old sequence.
      const caller = {
        keyId: 0,
        prefix: "upgrade",
        systemId: system,
        systemName: "wms-east",
        scopes: ["ingest" as const],
        scope: ALL_SITES,
      };
      const limits = { maxEvents: 100, maxPayloadBytes: 100_000 };
      const event = (id: string, stage: string, layer: string) => ({
        id,
        transactionId: "TX-UP-1",
        workflow: "shipment_confirmation",
        stage,
        layer,
        occurredAt: new Date().toISOString(),
      });
      const resent = await ingestNative(
        pool,
        caller,
        { events: [event("TX-UP-1-2", "acknowledged", "target_api")] },
        limits,
      );
      expect(resent.body).toMatchObject({ accepted: 0, duplicates: 1 });
      const added = await ingestNative(
        pool,
        caller,
        { events: [event("TX-UP-1-3", "delivered", "target_api")] },
        limits,
      );
      expect(added.body).toMatchObject({ accepted: 1 });
      const placed = await pool.query(
        `SELECT id::text, tableoid::regclass::text AS part FROM events WHERE event_id LIKE 'TX-UP-1-%' ORDER BY event_id`,
      );
      expect(new Set(placed.rows.map((r) => r.part)).size).toBe(1);
      expect(BigInt(placed.rows[2].id)).toBeGreaterThan(BigInt(before.rows.at(-1).id));
    } finally {
      await pool.end();
      await db.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
