import type { Status } from "@/lib/domain/vocabulary";

// Which transactions a replay may claim. Work in progress (in flight, retrying, already
// replaying) is never claimed: that is what makes a second click, a second person or a
// second instance a no-op. Final ones (succeeded, resolved, cancelled) need "force".
export const REPLAYABLE: readonly Status[] = ["failed", "dead_lettered"];
export const FORCE_REPLAYABLE: readonly Status[] = [...REPLAYABLE, "succeeded", "resolved", "cancelled"];

export function claimableStatuses(force: boolean): readonly Status[] {
  return force ? FORCE_REPLAYABLE : REPLAYABLE;
}

// The same key for every replay of one transaction, so the target can tell a redelivery.
export function idempotencyKeyOf(transactionId: string): string {
  return `crossdock-${transactionId}`;
}

// Why a transaction is not replayable now, in words for the person asking.
export function refusalOf(status: string, force: boolean): string | null {
  if ((claimableStatuses(force) as readonly string[]).includes(status)) return null;
  if ((FORCE_REPLAYABLE as readonly string[]).includes(status)) {
    return `This transaction is ${status}; replaying it needs "force", a reason and a role allowed to force.`;
  }
  return `This transaction is ${status.replace("_", " ")}: wait until it has finished before replaying it.`;
}
