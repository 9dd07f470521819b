import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, generateHistory, historySettings } from "@/sim/generate";
import { runBackfill } from "@/sim/runner/backfill";
import { fileCheckpoint } from "@/sim/runner/checkpoint";
import { createIngestClient } from "@/sim/runner/ingest-client";
import { newApiKey } from "../helpers/api";
import { useCrossdockServer } from "../helpers/crossdock-server";
import { useTestDatabase } from "../helpers/test-database";

// The demo's backfill as the simulator process runs it: generated history, sent over real
// HTTP to the real ingest handler, stored in a real database.

const TO = new Date("2026-11-25T15:00:00Z"); // a Wednesday afternoon: busy
const FROM = new Date(TO.getTime() - 30 * 60_000);
const SETTINGS = historySettings(TO, DEFAULT_SETTINGS);
const quiet = { write: () => true, isTTY: false };

const db = useTestDatabase({ catalogue: true });
const crossdock = useCrossdockServer();
let key: string;

beforeAll(async () => {
  key = await newApiKey(db.pool, "middleware");
});

function expected() {
  const batches = [...generateHistory({ from: FROM, to: TO, seed: 7, settings: SETTINGS })];
  const events = batches.flat();
  return { events: events.length, transactions: new Set(events.map((e) => e.transactionId)).size };
}

describe("the simulator's backfill", () => {
  it("stores every generated transaction and event, and a re-run adds nothing", async () => {
    const client = createIngestClient({ url: crossdock.url, apiKey: key });
    const want = expected();
    expect(want.transactions).toBeGreaterThan(50);

    const first = await runBackfill({
      client,
      from: FROM,
      to: TO,
      seed: 7,
      settings: SETTINGS,
      concurrency: 3,
      output: quiet,
    });
    expect(first).toMatchObject({
      transactions: want.transactions,
      events: want.events,
      accepted: want.events,
      duplicates: 0,
      rejected: 0,
    });
    const count = async () =>
      (
        await db.pool.query<{ tx: number; ev: number }>(
          "SELECT (SELECT count(*)::int FROM transactions) AS tx, (SELECT count(*)::int FROM events) AS ev",
        )
      ).rows[0]!;
    expect(await count()).toEqual({ tx: want.transactions, ev: want.events });

    const again = await runBackfill({
      client,
      from: FROM,
      to: TO,
      seed: 7,
      settings: SETTINGS,
      concurrency: 3,
      output: quiet,
    });
    expect(again).toMatchObject({ accepted: 0, duplicates: want.events, rejected: 0 });
    expect(await count()).toEqual({ tx: want.transactions, ev: want.events });
  });

  it("re-sends a batch Crossdock answered with 503, so nothing is lost", async () => {
    const client = createIngestClient({ url: crossdock.url, apiKey: key });
    const events = [
      ...generateHistory({ from: TO, to: new Date(TO.getTime() + 5 * 60_000), seed: 7, settings: SETTINGS }),
    ][0]!;
    const callsBefore = crossdock.calls;
    crossdock.failNext(2);
    const counts = await client.send(events);
    expect(crossdock.calls - callsBefore).toBe(3);
    expect(counts.accepted + counts.duplicates).toBe(events.length);
  });

  it("keeps the checkpoint per database, so another database is backfilled afresh", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "crossdock-sim-"));
    try {
      const file = path.join(dir, "checkpoint.json");
      await fileCheckpoint(file, "postgres://a").write(TO);
      expect(await fileCheckpoint(file, "postgres://a").read()).toEqual(TO);
      expect(await fileCheckpoint(file, "postgres://b").read()).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
