import type { Pool } from "pg";
import { registerReplayEndpoint, type RegisterResult } from "./register";
import { createReplayTarget, type ReplayTarget, type ReplayTargetOptions } from "./server";

// SIMULATION, not product code. One call for scripts/demo.ts: start the replay target in
// the demo's process and register it as the replay endpoint of the demo systems.
//
//   const replay = await startDemoReplayTarget(pool, { crossdockUrl: base, apiKey: key });
//   // pass replay.token to the app as the replay endpoint's auth token; replay.target.close() on shutdown

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
  const registration = await registerReplayEndpoint(pool, target.replayUrl);
  return { target, token, registration };
}
