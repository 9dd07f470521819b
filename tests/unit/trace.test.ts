import { describe, expect, it } from "vitest";
import { buildAttempts, buildWaterfall, summarizeHops, type TraceEvent } from "@/lib/domain/trace";

const T0 = Date.parse("2026-11-02T09:00:00Z");
let n = 0;
function ev(stage: string, layer: string, atSeconds: number, extra: Partial<TraceEvent> = {}): TraceEvent {
  return {
    id: String(++n),
    stage,
    layer,
    occurredAt: new Date(T0 + atSeconds * 1000).toISOString(),
    durationMs: null,
    attempt: null,
    source: "wms-east",
    target: "erp-cloud",
    error: null,
    ...extra,
  };
}
const rejected = { code: "CUSTOMER_MASTER_INVALID", message: "Customer C-1 failed validation", retryable: false };

describe("buildWaterfall", () => {
  it("orders the steps by time and places each bar so it ends when the step finished", () => {
    const events = [
      ev("failed", "target_api", 10, { durationMs: 2000, error: rejected }),
      ev("received", "source_api", 0),
      ev("transformed", "middleware", 4, { durationMs: 1000 }),
    ];
    const w = buildWaterfall(events);
    expect(w.rows.map((r) => r.event.stage)).toEqual(["received", "transformed", "failed"]);
    expect(w.spanMs).toBe(10_000);
    expect(w.rows[1]).toMatchObject({ offsetPct: 30, widthPct: 10 });
    expect(w.rows[2]).toMatchObject({ offsetPct: 80, widthPct: 20, failing: true, failingHop: true });
    // An instant step still gets a visible mark.
    expect(w.rows[0]!.widthPct).toBeGreaterThan(0);
  });

  it("keeps the last failure as the failing hop, and marks it fixed once something succeeds after it", () => {
    const first = ev("failed", "target_api", 5, { error: rejected });
    const events = [
      ev("received", "source_api", 0),
      first,
      ev("replay_requested", "middleware", 60, { attempt: 2 }),
      ev("acknowledged", "target_api", 62, { attempt: 2 }),
    ];
    const w = buildWaterfall(events);
    expect(w.failure).toEqual({ event: first, current: false });
    expect(w.rows.filter((r) => r.failingHop).map((r) => r.event.id)).toEqual([first.id]);
  });

  it("has no failure for a clean trace and nothing for no events", () => {
    expect(buildWaterfall([ev("received", "source_api", 0), ev("acknowledged", "target_api", 1)]).failure).toBeNull();
    expect(buildWaterfall([])).toEqual({ rows: [], spanMs: 0, failure: null });
  });
});

describe("summarizeHops", () => {
  it("gives every layer in crossing order, with time spent and the standing failure on its layer", () => {
    const hops = summarizeHops([
      ev("received", "source_api", 0, { durationMs: 30 }),
      ev("transformed", "middleware", 1, { durationMs: 40 }),
      ev("published", "broker", 2, { durationMs: 5 }),
      ev("failed", "target_api", 3, { durationMs: 900, error: rejected }),
    ]);
    expect(hops.map((h) => [h.layer, h.state, h.durationMs])).toEqual([
      ["source_api", "ok", 30],
      ["middleware", "ok", 40],
      ["broker", "ok", 5],
      ["target_api", "failed", 900],
    ]);
    expect(hops[0]!.system).toBe("wms-east");
    expect(hops[3]).toMatchObject({ system: "erp-cloud", error: rejected });
  });

  it("shows layers a message never reached, and no failure once a replay succeeded", () => {
    const stuck = summarizeHops([ev("received", "source_api", 0), ev("failed", "middleware", 1, { error: rejected })]);
    expect(stuck.map((h) => h.state)).toEqual(["ok", "failed", "not_reached", "not_reached"]);
    const fixed = summarizeHops([
      ev("failed", "target_api", 1, { error: rejected }),
      ev("replay_requested", "middleware", 9),
      ev("acknowledged", "target_api", 10),
    ]);
    expect(fixed.every((h) => h.state !== "failed")).toBe(true);
  });
});

describe("buildAttempts", () => {
  it("splits broker retries by attempt number and a replay by its request", () => {
    const timeout = { code: "BROKER_TIMEOUT", message: "timed out", retryable: true };
    const attempts = buildAttempts([
      ev("received", "source_api", 0),
      ev("transformed", "middleware", 1),
      ev("failed", "broker", 31, { error: timeout }),
      ev("retry_scheduled", "broker", 32),
      ev("published", "broker", 40, { attempt: 2 }),
      ev("failed", "target_api", 41, { attempt: 2, error: rejected }),
      ev("replay_requested", "middleware", 600, { attempt: 3 }),
      ev("published", "broker", 601, { attempt: 3 }),
      ev("acknowledged", "target_api", 602, { attempt: 3 }),
    ]);
    expect(attempts.map((a) => [a.number, a.trigger, a.outcome, a.events.length])).toEqual([
      [1, "first", "retry_scheduled", 4],
      [2, "retry", "failed", 2],
      [3, "replay", "succeeded", 3],
    ]);
    expect(attempts[0]!.error).toEqual(timeout);
    expect(attempts[1]!.error).toEqual(rejected);
    expect(attempts[2]!.error).toBeNull();
  });

  it("numbers attempts itself when the sender does not", () => {
    const attempts = buildAttempts([
      ev("failed", "broker", 0, { error: rejected }),
      ev("retry_scheduled", "broker", 1),
      ev("published", "broker", 5),
      ev("replay_requested", "middleware", 50),
      ev("acknowledged", "target_api", 51),
    ]);
    expect(attempts.map((a) => [a.number, a.trigger])).toEqual([
      [1, "first"],
      [2, "retry"],
      [3, "replay"],
    ]);
    expect(attempts[1]!.outcome).toBe("in_progress");
  });

  it("does not end an attempt at a delivery to an intermediate layer", () => {
    const [only] = buildAttempts([ev("received", "source_api", 0), ev("delivered", "broker", 1)]);
    expect(only!.outcome).toBe("in_progress");
  });
});
