import { describe, expect, it } from "vitest";
import { generateHistory } from "@/sim/generate";

// A week's backfill keeps message bodies for the last day and for failures only, like a
// middleware log with a short payload retention: the traces of old work still have every
// hop, and every failure still shows what was sent.
describe("payloads in the backfill", () => {
  const to = new Date("2026-11-25T15:00:00Z");
  const from = new Date(to.getTime() - 3 * 3_600_000);
  const payloadsSince = new Date(to.getTime() - 3_600_000);
  const events = [...generateHistory({ from, to, payloadsSince })].flat();
  const byTx = new Map<string, typeof events>();
  for (const e of events) byTx.set(e.transactionId, [...(byTx.get(e.transactionId) ?? []), e]);

  it("keeps payloads of recent transactions and of failed ones, drops the rest", () => {
    let oldSucceeded = 0;
    let oldFailedWithPayload = 0;
    let recentWithPayload = 0;
    for (const txEvents of byTx.values()) {
      const startedAt = new Date(txEvents[0]!.occurredAt);
      const failed = txEvents.some((e) => e.error);
      const hasPayload = txEvents.some((e) => e.payload !== undefined);
      if (startedAt < new Date(payloadsSince.getTime() - 5 * 60_000)) {
        if (!failed) {
          oldSucceeded++;
          expect(hasPayload).toBe(false);
        } else if (hasPayload) oldFailedWithPayload++;
      } else if (hasPayload) recentWithPayload++;
    }
    expect(oldSucceeded).toBeGreaterThan(100);
    expect(oldFailedWithPayload).toBeGreaterThan(0);
    expect(recentWithPayload).toBeGreaterThan(100);
  });

  it("keeps them all when payloadsSince is the start of the window", () => {
    const all = [...generateHistory({ from, to, payloadsSince: from })].flat();
    expect(all.filter((e) => e.payload !== undefined).length).toBeGreaterThan(
      events.filter((e) => e.payload !== undefined).length,
    );
  });
});
