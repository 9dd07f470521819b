import { formatMinutes } from "@/lib/format/duration";
import { FINAL_STATUSES, type Layer, type Status } from "../vocabulary";
import { largestAmount, type Money } from "./money";

// Stuck (docs/domain.md): not final, and no progress for longer than the workflow's SLA.
// "Progress" is the newest event of the transaction (transactions.last_event_at).
export function isStuck(tx: { status: Status; lastEventAt: Date }, slaMinutes: number, now: Date): boolean {
  return !FINAL_STATUSES.includes(tx.status) && now.getTime() - tx.lastEventAt.getTime() > slaMinutes * 60_000;
}

export interface StuckCause {
  status: Status;
  layer: Layer; // where it failed, or where it is waiting
  targetSystem: string | null;
  errorCode: string | null;
  errorMessage: string | null; // one example of the group
}

export interface StuckSentenceInput {
  count: number;
  workflow: string;
  site: string | null;
  oldestSince: Date; // the oldest last progress in the group
  cause: StuckCause;
  slaMinutes?: number; // the workflow's: a replay waiting for confirmation is stuck after it
}

const TARGET_LAYER_WORDS: Record<Layer, (target: string | null) => string> = {
  source_api: () => "the source system's API failed them",
  middleware: () => "the middleware could not transform them",
  broker: () => "the message broker did not deliver them",
  target_api: (target) => `${target ? `the ${target} endpoint` : "the target endpoint"} rejected them`,
};

const WAITING_LAYER_WORDS: Record<Layer, string> = {
  source_api: "at the source system's API",
  middleware: "in the middleware",
  broker: "in the message broker",
  target_api: "at the target endpoint",
};

// "shipment_confirmation" x 42 -> "shipment confirmations"
export function workflowNoun(workflow: string, count: number): string {
  const words = workflow.replace(/_/g, " ");
  return count === 1 ? words : words.endsWith("s") ? words : `${words}s`;
}

export function clock(at: Date, now: Date): string {
  const iso = at.toISOString();
  const time = iso.slice(11, 16);
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? `${time} UTC` : `${iso.slice(0, 10)} ${time} UTC`;
}

// Why a replayed transaction is stuck again: the replay was delivered (or is on its way)
// and the target has not confirmed it within the workflow's SLA. One wording for the stuck
// list, a workflow's stuck table and the transaction page.
export function replayNotConfirmed(slaMinutes: number): string {
  return `replayed, not confirmed within ${formatMinutes(slaMinutes)}`;
}

// One sentence a warehouse manager can act on, e.g. "42 shipment confirmations from east
// waiting since 09:12 UTC - the erp-cloud endpoint rejected them: Customer C-1 failed
// validation (CUSTOMER_MASTER_INVALID)". Times are UTC, with the date when not today.
export function stuckSentence(g: StuckSentenceInput, now: Date): string {
  const what = `${g.count} ${workflowNoun(g.workflow, g.count)}${g.site ? ` from ${g.site}` : ""}`;
  const head = `${what} waiting since ${clock(g.oldestSince, now)}`;
  const c = g.cause;
  if (c.status === "replaying" && g.slaMinutes !== undefined) return `${head} - ${replayNotConfirmed(g.slaMinutes)}`;
  const failed = c.errorCode !== null || c.errorMessage !== null;
  if (!failed) return `${head} - no progress ${WAITING_LAYER_WORDS[c.layer]} (${c.status.replace(/_/g, " ")})`;
  const detail = c.errorMessage ?? "no message";
  const code = c.errorCode ? ` (${c.errorCode})` : "";
  return `${head} - ${TARGET_LAYER_WORDS[c.layer](c.targetSystem)}: ${detail}${code}`;
}

export interface ImpactRanked {
  count: number;
  oldestSince: Date;
  waitingMinutes: number; // sum over the group's transactions of the minutes each has waited
  value: Money[];
  cause?: { status: string };
}

// Business impact order: work that needs a person (failed, dead-lettered: it will not move
// on its own) before work still in progress, then the money a group blocks (its largest
// amount in any one currency - amounts are compared to rank, never added across
// currencies), then the work waiting (transactions x minutes waited, so 40 transactions
// stuck for an hour outrank one stuck for a day), then the oldest first. A supervisor reads
// the top of the list first, and a fresh incident holding $600k of rejected shipment
// confirmations must be there, not below a legacy site's slow but moving batches.
export function compareStuckImpact(a: ImpactRanked, b: ImpactRanked): number {
  return (
    Number(needsPerson(b)) - Number(needsPerson(a)) ||
    largestAmount(b.value) - largestAmount(a.value) ||
    b.waitingMinutes - a.waitingMinutes ||
    a.oldestSince.getTime() - b.oldestSince.getTime()
  );
}

function needsPerson(group: ImpactRanked): boolean {
  return group.cause !== undefined && NEEDS_PERSON.has(group.cause.status);
}

const NEEDS_PERSON = new Set(["failed", "dead_lettered"]);
