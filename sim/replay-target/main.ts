// SIMULATION, not product code. Starts the demo's replay target:
//
//   REPLAY_TARGET_TOKEN=demo-replay-token npx tsx sim/replay-target/main.ts [--register]
//
// Environment (README.md in this folder has the whole contract):
//   REPLAY_TARGET_PORT     port to listen on (default 3400; 0 picks a free one)
//   REPLAY_TARGET_HOST     address to listen on (default 127.0.0.1)
//   REPLAY_TARGET_TOKEN    required: callers send "Authorization: Bearer <token>"
//   CROSSDOCK_URL          where outcomes are reported (default http://localhost:3000)
//   CROSSDOCK_API_KEY      ingest key of the system that sent the transactions
//                          (default: the demo key in $CROSSDOCK_DATA_DIR/demo-api-key)
//   REPLAY_TARGET_FIXED / REPLAY_TARGET_BROKEN   comma-separated error codes
//   REPLAY_TARGET_FAULT    none | down | timeout | conflict (with REPLAY_TARGET_FAULT_TIMES,
//                          REPLAY_TARGET_TIMEOUT_MS)
//   REPLAY_TARGET_DELAY_MS outcome delay range, "200-1500"
// --register sets this target as the replay endpoint of the demo systems in DATABASE_URL.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { FAULT_MODES } from "./contract";
import { registerReplayEndpoint } from "./register";
import { createReplayTarget } from "./server";

const codes = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  REPLAY_TARGET_PORT: z.coerce.number().int().min(0).max(65535).default(3400),
  REPLAY_TARGET_HOST: z.string().min(1).default("127.0.0.1"),
  REPLAY_TARGET_TOKEN: z
    .string({ error: "is required: the token callers send as 'Authorization: Bearer <token>'" })
    .min(1, "must not be empty"),
  CROSSDOCK_URL: z.url({ message: "must be a URL such as http://localhost:3000" }).default("http://localhost:3000"),
  CROSSDOCK_API_KEY: z.string().min(1).optional(),
  CROSSDOCK_DATA_DIR: z.string().default(".data"),
  REPLAY_TARGET_FIXED: codes,
  REPLAY_TARGET_BROKEN: codes,
  REPLAY_TARGET_FAULT: z.enum(FAULT_MODES).default("none"),
  REPLAY_TARGET_FAULT_TIMES: z.coerce.number().int().min(1).optional(),
  REPLAY_TARGET_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).optional(),
  REPLAY_TARGET_DELAY_MS: z
    .string()
    .regex(/^\d+-\d+$/, 'must be a range such as "200-1500"')
    .optional()
    .transform((s) => (s ? { min: Number(s.split("-")[0]), max: Number(s.split("-")[1]) } : undefined))
    .refine((d) => !d || d.min <= d.max, "min must not exceed max"),
  DATABASE_URL: z.string().optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`replay-target: ${issue.path.join(".")} ${issue.message}`);
  process.exit(2);
}
const env = parsed.data;

const apiKey =
  env.CROSSDOCK_API_KEY ??
  (await readFile(path.resolve(env.CROSSDOCK_DATA_DIR, "demo-api-key"), "utf8").then(
    (s) => s.trim(),
    () => "",
  ));
if (!apiKey) {
  console.error(
    `replay-target: CROSSDOCK_API_KEY is required (no demo key found in ${path.resolve(env.CROSSDOCK_DATA_DIR, "demo-api-key")})`,
  );
  process.exit(2);
}

const target = await createReplayTarget({
  port: env.REPLAY_TARGET_PORT,
  host: env.REPLAY_TARGET_HOST,
  crossdockUrl: env.CROSSDOCK_URL,
  apiKey,
  token: env.REPLAY_TARGET_TOKEN,
  fixed: env.REPLAY_TARGET_FIXED,
  broken: env.REPLAY_TARGET_BROKEN,
  fault: {
    mode: env.REPLAY_TARGET_FAULT,
    times: env.REPLAY_TARGET_FAULT_TIMES,
    timeoutMs: env.REPLAY_TARGET_TIMEOUT_MS,
  },
  outcomeDelayMs: env.REPLAY_TARGET_DELAY_MS,
});
const { causes, fault } = target.control.snapshot();
console.log(
  `replay-target: listening on ${target.url} (replay endpoint ${target.replayUrl}), reporting to ${env.CROSSDOCK_URL}`,
);
console.log(
  `replay-target: fixed [${causes.fixed.join(", ")}], broken [${causes.broken.join(", ")}], fault ${fault.mode}`,
);

if (process.argv.includes("--register")) {
  if (!env.DATABASE_URL) {
    console.error("replay-target: --register needs DATABASE_URL (the Crossdock database)");
  } else {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
    try {
      // With CROSSDOCK_SECRET_KEY (the app's), the token is stored too, encrypted.
      const authHeader = process.env.CROSSDOCK_SECRET_KEY
        ? encryptSecret(`Bearer ${env.REPLAY_TARGET_TOKEN}`)
        : undefined;
      const result = await registerReplayEndpoint(pool, target.replayUrl, { authHeader });
      console.log(`replay-target: replay endpoint of ${result.registered.join(", ") || "no system"}`);
      if (result.keptOther.length)
        console.log(`replay-target: left alone (another endpoint is set): ${result.keptOther.join(", ")}`);
    } finally {
      await pool.end();
    }
  }
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await target.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
