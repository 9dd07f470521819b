import { describe, expect, it } from "vitest";
import { syncTransition, transition } from "@/lib/domain/issue-state";

// The life of a failure issue: what people's actions and the sync do to its state.

describe("transition (people's actions)", () => {
  it("acknowledge: open and reopened become acknowledged; a resolved one must be reopened first", () => {
    expect(transition("open", "acknowledge", { current: null, next: 1 })).toEqual({
      ok: true,
      state: "acknowledged",
      event: "acknowledged",
    });
    expect(transition("reopened", "acknowledge", { current: 1, next: 1 })).toEqual({
      ok: true,
      state: "acknowledged",
      event: "acknowledged",
    });
    expect(transition("resolved", "acknowledge", { current: 1, next: 1 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/reopen/),
    });
  });

  it("acknowledge an acknowledged issue: another owner is a hand-over, the same owner a conflict", () => {
    expect(transition("acknowledged", "acknowledge", { current: 1, next: 2 })).toEqual({
      ok: true,
      state: "acknowledged",
      event: "owner_changed",
    });
    expect(transition("acknowledged", "acknowledge", { current: 2, next: 2 })).toMatchObject({ ok: false });
  });

  it("resolve from any unresolved state; reopen only from resolved", () => {
    for (const s of ["open", "acknowledged", "reopened"] as const)
      expect(transition(s, "resolve")).toEqual({ ok: true, state: "resolved", event: "resolved" });
    expect(transition("resolved", "resolve")).toMatchObject({ ok: false });
    expect(transition("resolved", "reopen")).toEqual({ ok: true, state: "reopened", event: "reopened" });
    for (const s of ["open", "acknowledged", "reopened"] as const)
      expect(transition(s, "reopen")).toMatchObject({ ok: false });
  });
});

describe("syncTransition (what the sync does)", () => {
  const resolvedAt = new Date("2026-11-29T10:00:00Z");
  const before = new Date("2026-11-29T09:59:59Z");
  const after = new Date("2026-11-29T10:00:01Z");

  it("reopens a resolved issue only for an open failure that arrived after the resolution", () => {
    expect(syncTransition({ state: "resolved", resolvedAt }, { open: 3, working: 0, lastArrivedAt: after })).toEqual({
      state: "reopened",
      event: "reopened",
    });
    expect(
      syncTransition({ state: "resolved", resolvedAt }, { open: 3, working: 0, lastArrivedAt: before }),
    ).toBeNull();
    expect(syncTransition({ state: "resolved", resolvedAt }, { open: 0, working: 2, lastArrivedAt: null })).toBeNull();
  });

  it("resolves an unresolved issue when nothing is open or being retried/replayed", () => {
    for (const state of ["open", "acknowledged", "reopened"] as const) {
      expect(syncTransition({ state, resolvedAt: null }, { open: 0, working: 0, lastArrivedAt: null })).toEqual({
        state: "resolved",
        event: "auto_resolved",
      });
    }
    expect(
      syncTransition({ state: "open", resolvedAt: null }, { open: 0, working: 1, lastArrivedAt: null }),
    ).toBeNull();
  });

  it("an acknowledged issue stays acknowledged while failures continue", () => {
    expect(
      syncTransition({ state: "acknowledged", resolvedAt }, { open: 5, working: 0, lastArrivedAt: after }),
    ).toBeNull();
  });

  it("an issue reopened by hand is not resolved again before a failure comes", () => {
    expect(
      syncTransition({ state: "reopened", resolvedAt, heldOpen: true }, { open: 0, working: 0, lastArrivedAt: null }),
    ).toBeNull();
  });
});
