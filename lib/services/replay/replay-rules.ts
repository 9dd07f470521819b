import type { Status } from "@/lib/domain/vocabulary";

// Which transactions a replay may claim. Work in progress (in flight, retrying, already
// replaying) is never claimed: that is what makes a second click, a second person or a
// second instance a no-op. Final ones (succeeded, resolved, cancelled) need "force".
export const REPLAYABLE: readonly Status[] = ["failed", "dead_lettered"];
// "replaying" only once no replay of it is open any more (NO_OPEN_REPLAY_SQL): the target
// accepted the last one and the ERP has not confirmed it. Another may post twice unless
// the target dedupes, hence force: a person who checked says so, with a reason.
export const FORCE_REPLAYABLE: readonly Status[] = [...REPLAYABLE, "succeeded", "resolved", "cancelled", "replaying"];

// For an UPDATE of `transactions` that claims or closes: a replaying transaction qualifies
// only when none of its replays is still pending, queued or being delivered, other than the
// ones being claimed (a bulk's own pending items: `excludeParam`, a uuid[] parameter).
export function noOpenReplaySql(excludeParam: string): string {
  return `(transactions.status <> 'replaying' OR NOT EXISTS (
    SELECT 1 FROM replays open_replay
    WHERE open_replay.transaction_id = transactions.id
      AND open_replay.status IN ('pending', 'queued', 'delivering')
      AND open_replay.id <> ALL(${excludeParam})))`;
}

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
  if (status === "replaying")
    return `A replay of this transaction is on its way or waits for the target's confirmation; replaying it again needs "force", a reason and a role allowed to force.`;
  if ((FORCE_REPLAYABLE as readonly string[]).includes(status)) {
    return `This transaction is ${status}; replaying it needs "force", a reason and a role allowed to force.`;
  }
  return `This transaction is ${status.replace("_", " ")}: wait until it has finished before replaying it.`;
}
