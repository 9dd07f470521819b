import { describe, expect, it } from "vitest";
import { replaySettings } from "@/lib/jobs/replay/replay-settings";
import { workerSettings } from "@/lib/jobs/worker-settings";

// Every part reads its variables through lib/env.ts: the same coercion and one message
// that names each wrong variable and says what it must be.
describe("environment settings", () => {
  it("worker: defaults as documented, numbers as given", () => {
    expect(workerSettings({})).toEqual({ poolSize: 10, rollupRefreshMs: 500, issueSyncMs: 2_000 });
    expect(workerSettings({ REPLAY_WORKER_POOL_SIZE: "4", ROLLUP_REFRESH_MS: "500", ISSUE_SYNC_MS: "2000" })).toEqual({
      poolSize: 4,
      rollupRefreshMs: 500,
      issueSyncMs: 2000,
    });
  });

  it("refuses what a bare Number() let through, naming the variable", () => {
    expect(() => workerSettings({ ROLLUP_REFRESH_MS: "soon" })).toThrow(
      /ROLLUP_REFRESH_MS must be a whole number of at least 1/,
    );
    expect(() => workerSettings({ REPLAY_WORKER_POOL_SIZE: "0" })).toThrow(
      /REPLAY_WORKER_POOL_SIZE must be a whole number/,
    );
    expect(() => workerSettings({ ISSUE_SYNC_MS: "2.5" })).toThrow(/ISSUE_SYNC_MS must be a whole number/);
  });

  it("lists every wrong variable at once, with its bounds", () => {
    const read = () => replaySettings({ REPLAY_LANES: "33", REPLAY_SWEEP_MS: "50" });
    expect(read).toThrow(/REPLAY_LANES must be a whole number from 1 to 32/);
    expect(read).toThrow(/REPLAY_SWEEP_MS must be a whole number of at least 100/);
  });
});
