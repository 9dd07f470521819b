import { describe, expect, it } from "vitest";
import { createIngestGuard, isRefusal } from "@/lib/ingest/ingest-guard";

describe("ingest guard", () => {
  it("answers 503 + Retry-After past the in-flight limit, and admits again once a request ends", () => {
    const guard = createIngestGuard({ maxInFlight: 2, requestsPerWindow: 0, windowSeconds: 1 });
    const a = guard.enter();
    const b = guard.enter();
    const c = guard.enter();
    expect(isRefusal(a) || isRefusal(b)).toBe(false);
    expect(c).toMatchObject({ status: 503, retryAfterSeconds: 1 });
    if (!isRefusal(a)) {
      a.release();
      a.release(); // a second release must not free a slot it does not hold
    }
    expect(guard.inFlight).toBe(1);
    expect(isRefusal(guard.enter())).toBe(false);
    expect(isRefusal(guard.enter())).toBe(true);
  });

  it("answers 429 with the seconds until the window resets, per API key", async () => {
    const guard = createIngestGuard({ maxInFlight: 10, requestsPerWindow: 3, windowSeconds: 30 });
    for (let i = 0; i < 3; i++) expect(await guard.consume(1)).toBeNull();
    const refused = await guard.consume(1);
    expect(refused).toMatchObject({ status: 429 });
    expect(refused!.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(refused!.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(await guard.consume(2)).toBeNull();
  });

  it("has no per-key limit when the rate is 0", async () => {
    const guard = createIngestGuard({ maxInFlight: 10, requestsPerWindow: 0, windowSeconds: 1 });
    for (let i = 0; i < 1000; i++) expect(await guard.consume(1)).toBeNull();
  });
});
