// SIMULATION, not product code. The traffic simulator as its own process: it plays the
// middleware of a manufacturer-distributor and sends everything through Crossdock's
// public ingest API with an API key - first a backfill of history, then live traffic.
//
//   CROSSDOCK_API_KEY=cdk_... npx tsx sim/main.ts
//
// Environment:
//   CROSSDOCK_URL          Crossdock (default http://localhost:3000)
//   CROSSDOCK_API_KEY      ingest key (default: the demo key in $CROSSDOCK_DATA_DIR/demo-api-key)
//   SIM_RATE               live transactions per second (default 20)
//   SIM_HISTORY_DAYS       days of history to backfill (default 7; 0 = none)
//   SIM_INCIDENT_MINUTES   the customer master outage at east began this long ago (default 45; "off" = none)
//   SIM_FIX_AFTER_MINUTES  fix that outage this many minutes after start (default: when switched)
//   SIM_CONTROL_PORT       scenario switches over HTTP (default 3401; 0 = off)
//   SIM_SEED, SIM_CONCURRENCY, SIM_CHECKPOINT_FILE
//   REPLAY_TARGET_URL, REPLAY_TARGET_TOKEN  told when a scenario is fixed (default: the demo's)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import {
  createLiveTraffic,
  DEFAULT_SEED,
  DEFAULT_SETTINGS,
  historySettings,
  type SimEvent,
  setScenario,
} from "./generate";
import { DEMO_REPLAY_PORT, DEMO_REPLAY_TOKEN } from "./replay-target/demo";
import { runBackfill } from "./runner/backfill";
import { fileCheckpoint } from "./runner/checkpoint";
import { createIngestClient, sleep } from "./runner/ingest-client";
import { scenarioSwitchSchema, startControlServer, switchScenario } from "./runner/scenario-control";

const DAY = 86_400_000;
const MINUTE = 60_000;
const minutesOrOff = z.union([z.literal("off"), z.coerce.number().min(0)]);

const env = z
  .object({
    CROSSDOCK_URL: z.url({ message: "must be a URL such as http://localhost:3000" }).default("http://localhost:3000"),
    CROSSDOCK_API_KEY: z.string().min(1).optional(),
    CROSSDOCK_DATA_DIR: z.string().default(".data"),
    SIM_RATE: z.coerce.number().positive().max(2000).default(20),
    SIM_HISTORY_DAYS: z.coerce.number().min(0).max(30).default(7),
    SIM_INCIDENT_MINUTES: minutesOrOff.default(45),
    SIM_FIX_AFTER_MINUTES: minutesOrOff.default("off"),
    SIM_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(3401),
    SIM_SEED: z.coerce.number().int().default(DEFAULT_SEED),
    SIM_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(3),
    SIM_CHECKPOINT_FILE: z.string().optional(),
    SIM_DATABASE_KEY: z.string().optional(), // which database the checkpoint belongs to
    REPLAY_TARGET_URL: z.string().default(`http://127.0.0.1:${DEMO_REPLAY_PORT}`),
    REPLAY_TARGET_TOKEN: z.string().default(DEMO_REPLAY_TOKEN),
  })
  .safeParse(process.env);
if (!env.success) {
  console.error(`simulator: invalid environment:\n${z.prettifyError(env.error)}`);
  process.exit(2);
}
const config = env.data;
const apiKey =
  config.CROSSDOCK_API_KEY ??
  (await readFile(path.join(config.CROSSDOCK_DATA_DIR, "demo-api-key"), "utf8").then(
    (s) => s.trim(),
    () => "",
  ));
if (!apiKey) {
  console.error("simulator: set CROSSDOCK_API_KEY to an ingest key (npm run apikey:create -- --system middleware)");
  process.exit(2);
}

const client = createIngestClient({ url: config.CROSSDOCK_URL, apiKey });
const checkpoint = fileCheckpoint(
  config.SIM_CHECKPOINT_FILE ?? path.join(config.CROSSDOCK_DATA_DIR, "simulator-checkpoint.json"),
  config.SIM_DATABASE_KEY ?? config.CROSSDOCK_URL,
);
const replayTarget = { url: config.REPLAY_TARGET_URL, token: config.REPLAY_TARGET_TOKEN };
const notifyParent = (message: object) => process.send?.(message);

// Today's story: the customer master outage at east began a while ago and is still on.
const now = new Date();
let base = DEFAULT_SETTINGS;
if (config.SIM_INCIDENT_MINUTES !== "off")
  base = setScenario(base, "customerMaster", true, now.getTime() - config.SIM_INCIDENT_MINUTES * MINUTE);
const settings = historySettings(now, base);

// History: the window not sent yet (a re-run sends only the gap since the last run).
const sentUntil = await checkpoint.read();
const from = new Date(Math.max(now.getTime() - config.SIM_HISTORY_DAYS * DAY, sentUntil?.getTime() ?? -Infinity));
if (config.SIM_HISTORY_DAYS > 0 && from < now) {
  if (sentUntil)
    console.log(
      `simulator: history already sent until ${sentUntil.toISOString()}; sending the ${formatGap(now.getTime() - from.getTime())} since`,
    );
  await runBackfill({ client, from, to: now, seed: config.SIM_SEED, settings, concurrency: config.SIM_CONCURRENCY });
  await checkpoint.write(now);
}

const live = createLiveTraffic({
  startAt: now,
  seed: config.SIM_SEED,
  settings,
  ratePerSecond: config.SIM_RATE,
  history: { from },
});
const control = config.SIM_CONTROL_PORT
  ? await startControlServer(config.SIM_CONTROL_PORT, live, replayTarget, console.log).catch((error: Error) => {
      console.error(`simulator: scenario switches over HTTP are off (${error.message})`);
      return null;
    })
  : null;
process.on("message", (message) => {
  const change = scenarioSwitchSchema.safeParse(message);
  if (change.success) void switchScenario(live, change.data, replayTarget).then(console.log);
});
if (config.SIM_FIX_AFTER_MINUTES !== "off") {
  setTimeout(
    () => void switchScenario(live, { key: "customerMaster", enabled: false }, replayTarget).then(console.log),
    config.SIM_FIX_AFTER_MINUTES * MINUTE,
  ).unref();
}
console.log(
  `simulator: live traffic at ~${config.SIM_RATE} transactions/s${control ? `; scenarios: http://127.0.0.1:${config.SIM_CONTROL_PORT}/scenarios` : ""}`,
);
notifyParent({ type: "live" });

let stopping = false;
const stop = () => {
  stopping = true;
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("disconnect", stop);

// One tick a second; a tick that could not be sent is sent with the next one.
let pending: SimEvent[] = [];
let lastCheckpoint = Date.now();
while (!stopping) {
  pending = pending.concat(live.tick(new Date()));
  try {
    for (let i = 0; i < pending.length; i += 1000) await client.send(pending.slice(i, i + 1000));
    pending = [];
  } catch (error) {
    console.error(`simulator: live traffic: ${(error as Error).message} (will re-send)`);
    pending = pending.slice(-50_000);
  }
  if (Date.now() - lastCheckpoint > MINUTE && pending.length === 0) {
    await checkpoint.write(live.cursor);
    lastCheckpoint = Date.now();
  }
  await sleep(1000);
}
if (pending.length === 0) await checkpoint.write(live.cursor);
control?.close();
process.exit(0);

function formatGap(ms: number): string {
  if (ms >= DAY) return `${(ms / DAY).toFixed(1)} days`;
  const minutes = Math.round(ms / MINUTE);
  return minutes === 1 ? "minute" : `${minutes} minutes`;
}
