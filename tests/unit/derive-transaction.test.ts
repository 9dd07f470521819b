import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DerivableEvent, deriveTransaction } from "@/lib/domain/derive-transaction";
import { LAYERS, STAGES } from "@/lib/domain/vocabulary";

const t0 = Date.parse("2026-11-02T09:00:00Z");
const at = (s: number) => new Date(t0 + s * 1000);

function ev(
  id: string,
  stage: DerivableEvent["stage"],
  seconds: number,
  extra: Partial<DerivableEvent> = {},
): DerivableEvent {
  return {
    eventId: id,
    workflow: "shipment_confirmation",
    stage,
    layer: "middleware",
    occurredAt: at(seconds),
    ...extra,
  };
}

describe("deriveTransaction", () => {
  it("follows a shipment confirmation from WMS to an ERP acknowledgement", () => {
    const state = deriveTransaction([
      ev("e1", "received", 0, {
        layer: "source_api",
        site: "east",
        businessKey: "SHP-1001",
        refs: { shipmentId: "SHP-1001", loadId: "L-77" },
      }),
      ev("e2", "transformed", 2),
      ev("e3", "published", 3, { layer: "broker" }),
      ev("e4", "acknowledged", 9, {
        layer: "target_api",
        targetSystem: "erp-cloud",
        valueAmount: "1250.50",
        valueCurrency: "USD",
      }),
    ]);
    expect(state).toMatchObject({
      status: "succeeded",
      currentLayer: "target_api",
      site: "east",
      businessKey: "SHP-1001",
      valueAmount: "1250.50",
      valueCurrency: "USD",
      latencyMs: 9000,
      eventCount: 4,
      everFailed: false,
      failedLayer: null,
    });
    expect(state.refs.loadId).toBe("L-77");
    expect(state.completedAt).toEqual(at(9));
  });

  it("attributes a failure to the layer of the failing event and keeps it needing a person", () => {
    const state = deriveTransaction([
      ev("e1", "received", 0, { layer: "source_api" }),
      ev("e2", "failed", 5, {
        layer: "target_api",
        targetSystem: "erp-cloud",
        errorCode: "CUSTOMER_MASTER_INVALID",
        errorMessage: "Customer C-100234 failed validation",
      }),
    ]);
    expect(state.status).toBe("failed");
    expect(state.failedLayer).toBe("target_api");
    expect(state.errorSignature).toBe("target_api|erp-cloud|CUSTOMER_MASTER_INVALID Customer <id> failed validation");
    expect(state.latencyMs).toBeNull();
    expect(state.completedAt).toBeNull();
  });

  it("treats a retryable failure as retrying and counts attempts", () => {
    const state = deriveTransaction([
      ev("e1", "published", 0, { layer: "broker" }),
      ev("e2", "failed", 1, { layer: "broker", errorCode: "TIMEOUT", errorRetryable: true, attempt: 1 }),
      ev("e3", "published", 4, { layer: "broker", attempt: 2 }),
    ]);
    expect(state.status).toBe("in_flight");
    expect(state.attempts).toBe(2);
    expect(state.everFailed).toBe(true);
    expect(deriveTransaction([ev("e1", "failed", 1, { errorRetryable: true })]).status).toBe("retrying");
  });

  it("never lets an older failure, or a late straggler of the same attempt, overwrite a success", () => {
    const success = ev("b", "acknowledged", 10, { layer: "target_api" });
    const olderFailure = ev("a", "failed", 5, { layer: "target_api", errorCode: "X" });
    const lateStraggler = ev("c", "received", 11, { layer: "source_api" });
    expect(deriveTransaction([success, olderFailure]).status).toBe("succeeded");
    expect(deriveTransaction([olderFailure, success, lateStraggler]).status).toBe("succeeded");
    // ...but a replay or a later attempt does move it.
    expect(deriveTransaction([success, ev("d", "replay_requested", 12)]).status).toBe("replaying");
    expect(deriveTransaction([success, ev("e", "failed", 12, { attempt: 2 })]).status).toBe("failed");
  });

  it("resolves same-millisecond success and failure the same way in any order", () => {
    const ok = ev("z1", "acknowledged", 3, { layer: "target_api" });
    const bad = ev("z2", "failed", 3, { layer: "target_api" });
    expect(deriveTransaction([ok, bad]).status).toBe("succeeded");
    expect(deriveTransaction([bad, ok]).status).toBe("succeeded");
  });

  it("takes descriptive fields from the newest event that carries them", () => {
    const state = deriveTransaction([
      ev("e1", "received", 0, { valueAmount: "100", valueCurrency: "USD", quantity: "10" }),
      ev("e2", "transformed", 1, { quantity: "8" }),
      ev("e3", "published", 2, { valueAmount: "80", valueCurrency: "EUR" }),
    ]);
    expect(state).toMatchObject({ valueAmount: "80", valueCurrency: "EUR", quantity: "8" });
  });

  it("gives the same state for any permutation and duplication of a transaction's events", () => {
    const eventArb = fc.record({
      stage: fc.constantFrom(...STAGES),
      layer: fc.constantFrom(...LAYERS),
      second: fc.integer({ min: 0, max: 20 }), // small range: many timestamp ties
      attempt: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      retryable: fc.option(fc.boolean(), { nil: undefined }),
      code: fc.option(fc.constantFrom("E1", "E2"), { nil: undefined }),
      site: fc.option(fc.constantFrom("east", "south"), { nil: undefined }),
      amount: fc.option(fc.constantFrom("10", "20"), { nil: undefined }),
      loadId: fc.option(fc.constantFrom("L-1", "L-2"), { nil: undefined }),
    });
    const events = fc.array(eventArb, { minLength: 1, maxLength: 8 }).map((list) =>
      list.map(
        (e, i): DerivableEvent =>
          ev(`e${i}`, e.stage, e.second, {
            layer: e.layer,
            attempt: e.attempt,
            errorRetryable: e.retryable,
            errorCode: e.code,
            site: e.site,
            valueAmount: e.amount,
            valueCurrency: e.amount ? "USD" : undefined,
            refs: e.loadId ? { loadId: e.loadId } : undefined,
          }),
      ),
    );
    const reshuffled = events.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray([...list, ...list], { minLength: list.length * 2 }),
        fc.array(fc.nat(list.length - 1), { maxLength: 5 }),
      ),
    );
    fc.assert(
      fc.property(reshuffled, ([original, shuffled, dupIdx]) => {
        const withDuplicates = [...shuffled, ...dupIdx.map((i) => original[i]!)];
        expect(deriveTransaction(withDuplicates)).toEqual(deriveTransaction(original));
      }),
      { numRuns: 500 },
    );
  });
});

describe("deriveTransaction: a replay", () => {
  const rejected = [
    ev("r1", "received", 0, { layer: "source_api", targetSystem: "erp-cloud" }),
    ev("r2", "failed", 5, { layer: "target_api", errorCode: "CUSTOMER_MASTER_INVALID", errorMessage: "bad customer" }),
  ];
  const requested = ev("crossdock:a:requested", "replay_requested", 60);
  const refused = ev("crossdock:a:retry_scheduled:1", "retry_scheduled", 61, {
    errorCode: "REPLAY_TARGET_UNAVAILABLE",
    errorMessage: "HTTP 503: busy, try later",
    errorRetryable: true,
  });
  const accepted = ev("crossdock:a:delivered:2", "delivered", 64);

  it("shows a refused delivery as the current error while it is being retried", () => {
    const state = deriveTransaction([...rejected, requested, refused]);
    expect(state).toMatchObject({
      status: "retrying",
      errorCode: "REPLAY_TARGET_UNAVAILABLE",
      failedLayer: "middleware",
    });
  });

  it("once accepted, waits for the confirmation with the failure it was replayed for, the refusal as history", () => {
    const state = deriveTransaction([...rejected, requested, refused, accepted]);
    expect(state).toMatchObject({
      status: "replaying",
      errorCode: "CUSTOMER_MASTER_INVALID",
      failedLayer: "target_api",
      lastEventAt: at(64), // the stuck clock restarts from the acceptance
      completedAt: null,
      replayed: true,
    });
    expect(state.errorSignature).toBe(deriveTransaction(rejected).errorSignature);
  });

  it("stays replaying while the middleware passes the replay on, until the target confirms", () => {
    const onTheWay = [...rejected, requested, accepted, ev("m1", "published", 70, { layer: "broker" })];
    expect(deriveTransaction(onTheWay).status).toBe("replaying");
    const confirmed = deriveTransaction([...onTheWay, ev("m2", "acknowledged", 80, { layer: "target_api" })]);
    expect(confirmed).toMatchObject({ status: "succeeded", completedAt: at(80), errorCode: "CUSTOMER_MASTER_INVALID" });
    // An outcome the target stamped before the acceptance was recorded counts the same.
    const early = deriveTransaction([...rejected, requested, refused, ev("m3", "acknowledged", 63), accepted]);
    expect(early).toMatchObject({ status: "succeeded", errorCode: "CUSTOMER_MASTER_INVALID" });
    const earlyFailure = ev("m6", "failed", 63, { layer: "target_api", errorCode: "PERIOD_CLOSED", attempt: 2 });
    expect(deriveTransaction([...rejected, requested, earlyFailure, accepted])).toMatchObject({
      status: "failed",
      errorCode: "PERIOD_CLOSED",
      lastEventAt: at(64),
    });
    // A hand-over the middleware reports after a failure still moves it, as always.
    expect(deriveTransaction([...rejected, ev("m7", "delivered", 70)]).status).toBe("in_flight");
  });

  it("ends with a failure for good: a refusal or a later rejection is the current error again", () => {
    const refusedForGood = ev("crossdock:a:failed:1", "failed", 62, { errorCode: "REPLAY_REJECTED" });
    expect(deriveTransaction([...rejected, requested, refusedForGood])).toMatchObject({
      status: "failed",
      errorCode: "REPLAY_REJECTED",
    });
    const rejectedAgain = ev("m4", "failed", 90, { layer: "target_api", errorCode: "PERIOD_CLOSED" });
    const after = deriveTransaction([...rejected, requested, refused, accepted, rejectedAgain]);
    expect(after).toMatchObject({ status: "failed", errorCode: "PERIOD_CLOSED" });
    // ...and what arrives after that is no longer part of the replay.
    expect(deriveTransaction([...rejected, requested, accepted, rejectedAgain, ev("m5", "received", 95)]).status).toBe(
      "in_flight",
    );
  });

  it("gives the same state whatever order the replay's steps arrive in", () => {
    const events = [...rejected, requested, refused, accepted, ev("m1", "published", 70, { layer: "broker" })];
    const expected = deriveTransaction(events);
    for (let k = 0; k < events.length; k++) {
      const rotated = [...events.slice(k), ...events.slice(0, k)].reverse();
      expect(deriveTransaction(rotated)).toEqual(expected);
    }
  });
});
