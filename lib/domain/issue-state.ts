// The life of a failure issue (docs/domain.md: "Issue"). Pure: the services and the sync ask
// these functions what a change does, then write it.
//
//   open ──acknowledge──> acknowledged ──resolve──> resolved ──reopen / recurrence──> reopened
//     └───────────────resolve───────────────────────────^            (acts like open)
//   any unresolved state ──no open failure left──> resolved (by the sync: auto_resolved)

export const ISSUE_STATES = ["open", "acknowledged", "resolved", "reopened"] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

export type IssueAction = "acknowledge" | "resolve" | "reopen";

// History rows: what people did, and what the sync did on its own.
export const ISSUE_EVENT_KINDS = [
  "opened",
  "acknowledged",
  "owner_changed",
  "resolved",
  "auto_resolved",
  "reopened",
] as const;
export type IssueEventKind = (typeof ISSUE_EVENT_KINDS)[number];

export function isIssueState(value: unknown): value is IssueState {
  return typeof value === "string" && (ISSUE_STATES as readonly string[]).includes(value);
}

export type Transition = { ok: true; state: IssueState; event: IssueEventKind } | { ok: false; reason: string };

// What a person's action does to an issue in `state` (owned by `ownerId`). Acknowledging
// an acknowledged issue with another owner hands it over; with the same owner it is a no-op
// refused as a conflict, so a double click writes one history row.
export function transition(
  state: IssueState,
  action: IssueAction,
  owner?: { current: number | null; next: number },
): Transition {
  switch (action) {
    case "acknowledge":
      if (state === "resolved") return { ok: false, reason: "This issue is resolved; reopen it first." };
      if (state === "acknowledged") {
        if (owner && owner.current !== owner.next) return { ok: true, state: "acknowledged", event: "owner_changed" };
        return { ok: false, reason: "This issue is acknowledged by that owner already." };
      }
      return { ok: true, state: "acknowledged", event: "acknowledged" };
    case "resolve":
      if (state === "resolved") return { ok: false, reason: "This issue is resolved already." };
      return { ok: true, state: "resolved", event: "resolved" };
    case "reopen":
      if (state !== "resolved") return { ok: false, reason: "Only a resolved issue can be reopened." };
      return { ok: true, state: "reopened", event: "reopened" };
  }
}

// What the sync does to an existing issue given its failures now: a failure that arrived
// after the issue was resolved reopens it; an unresolved issue with nothing left open or
// being worked on (all replayed or closed) resolves itself. An acknowledged issue stays
// acknowledged while its failures continue: someone already owns it. An issue reopened by
// hand with nothing failing (heldOpen) waits for a failure before it can resolve itself,
// otherwise the next sync would undo the reopening.
export function syncTransition(
  issue: { state: IssueState; resolvedAt: Date | null; heldOpen?: boolean },
  live: { open: number; working: number; lastArrivedAt: Date | null },
): { state: IssueState; event: "reopened" | "auto_resolved" } | null {
  if (issue.state === "resolved") {
    const recurred =
      live.open > 0 &&
      live.lastArrivedAt !== null &&
      (issue.resolvedAt === null || live.lastArrivedAt > issue.resolvedAt);
    return recurred ? { state: "reopened", event: "reopened" } : null;
  }
  if (live.open === 0 && live.working === 0 && !issue.heldOpen) return { state: "resolved", event: "auto_resolved" };
  return null;
}
