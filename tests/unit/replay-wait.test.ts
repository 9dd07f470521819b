import { describe, expect, it } from "vitest";
import { stuckSentence } from "@/lib/domain/dashboard/stuck";
import { describeReplayWait, type ReplayWait } from "@/lib/domain/replay-wait";

// What a person reads after an accepted replay, on the transaction and in the stuck list.

const wait: ReplayWait = {
  replayedAt: new Date("2026-11-02T13:34:10Z"),
  replayedBy: "manager.east@crossdock.demo",
  target: "erp-cloud",
  slaMinutes: 20,
  lastEventAt: new Date("2026-11-02T13:34:10Z"),
};

describe("describeReplayWait", () => {
  it("says who replayed it, when, and whose confirmation it waits for", () => {
    expect(describeReplayWait(wait, new Date("2026-11-02T13:50:00Z"))).toEqual({
      headline: "Replayed at 13:34 UTC by manager.east@crossdock.demo, waiting for erp-cloud's confirmation.",
      stuck: null,
    });
  });

  it("says it is stuck again once the wait is longer than the SLA, counted from its last progress", () => {
    const late = new Date("2026-11-02T13:54:11Z");
    expect(describeReplayWait(wait, late).stuck).toBe("Stuck again: replayed, not confirmed within 20 min.");
    // A later hand-over (the middleware passing it on) restarts the clock.
    const moved = { ...wait, lastEventAt: new Date("2026-11-02T13:40:00Z") };
    expect(describeReplayWait(moved, late).stuck).toBeNull();
  });

  it("gives the date when the replay was not today, and names no system it does not know", () => {
    const text = describeReplayWait({ ...wait, target: null }, new Date("2026-11-03T08:00:00Z"));
    expect(text.headline).toBe(
      "Replayed at 2026-11-02 13:34 UTC by manager.east@crossdock.demo, waiting for the target's confirmation.",
    );
  });
});

describe("stuckSentence for a replay", () => {
  it("gives the replay as the reason, not an earlier error", () => {
    expect(
      stuckSentence(
        {
          count: 3,
          workflow: "shipment_confirmation",
          site: "east",
          oldestSince: new Date("2026-11-02T13:34:00Z"),
          cause: {
            status: "replaying",
            layer: "middleware",
            targetSystem: "erp-cloud",
            errorCode: null,
            errorMessage: null,
          },
          slaMinutes: 20,
        },
        new Date("2026-11-02T14:00:00Z"),
      ),
    ).toBe("3 shipment confirmations from east waiting since 13:34 UTC - replayed, not confirmed within 20 min");
  });
});
