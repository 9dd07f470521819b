import type { Pool } from "pg";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { type RegisterResult, registerReplayEndpoint } from "./register";
import { createReplayTarget, type ReplayTarget, type ReplayTargetOptions } from "./server";

// SIMULATION, not product code. One call for scripts/demo.ts: start the replay target in
// the demo's process and register it as the replay endpoint of the demo systems, with
// "Authorization: Bearer <token>" stored encrypted (needs CROSSDOCK_SECRET_KEY set).
//
//   const replay = await startDemoReplayTarget(pool, { crossdockUrl: base, apiKey: key });
//   // replay.target.close() on shutdown

export const DEMO_REPLAY_PORT = 3400;
export const DEMO_REPLAY_TOKEN = "demo-replay-token";

export async function startDemoReplayTarget(
  pool: Pool,
  options: Pick<ReplayTargetOptions, "crossdockUrl" | "apiKey"> & Partial<ReplayTargetOptions>,
): Promise<{ target: ReplayTarget; token: string; registration: RegisterResult }> {
  const token = options.token ?? process.env.REPLAY_TARGET_TOKEN ?? DEMO_REPLAY_TOKEN;
  const target = await createReplayTarget({
    ...options,
    port: options.port ?? Number(process.env.REPLAY_TARGET_PORT ?? DEMO_REPLAY_PORT),
    token,
    log: options.log ?? ((line) => console.log(line)),
  });
  const registration = await registerReplayEndpoint(pool, target.replayUrl, {
    authHeader: encryptSecret(`Bearer ${token}`),
  });
  return { target, token, registration };
}
