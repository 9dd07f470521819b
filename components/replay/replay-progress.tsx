"use client";

import { humanize } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ReplayStatus } from "@/lib/queries/get-replay-status";
import { usePoll } from "./use-poll";

// Live progress of one replay: delivery by the worker, then the outcome the target
// reports back (the transaction's own status). Polls until both are settled.
const SETTLED_TX = ["succeeded", "failed", "dead_lettered", "resolved", "cancelled"];
const isSettled = (s: ReplayStatus) => s.done && (s.status !== "accepted" || SETTLED_TX.includes(s.transactionStatus));

const OUTCOME: Record<string, string> = {
  queued: "Waiting for the worker…",
  delivering: "Sending to the replay endpoint…",
  accepted: "Accepted by the target; waiting for the outcome it reports…",
  already_posted: "Already posted at the target: nothing was sent, the transaction is resolved.",
  rejected: "The target refused the replay.",
  dead_lettered: "The target could not be reached; gave up after retrying.",
  cancelled: "Cancelled before it was sent.",
  skipped: "Skipped.",
};

export function ReplayProgress({ replayId }: { replayId: string }) {
  const { data, error } = usePoll<ReplayStatus>(`/api/replays/${replayId}`, isSettled);
  if (!data)
    return (
      <p role="status" className="text-sm text-zinc-600">
        {error ?? "Queued…"}
      </p>
    );
  const settled = isSettled(data);
  const done = data.status === "accepted" && settled;
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-2 text-sm">
      <div className="flex items-center gap-2">
        {!settled ? <span className="h-2 w-2 animate-pulse rounded-full bg-amber-500" aria-hidden /> : null}
        <span>
          {done
            ? `Replayed: the transaction is now ${humanize(data.transactionStatus)}.`
            : (OUTCOME[data.status] ?? humanize(data.status))}
        </span>
        <StatusBadge status={data.transactionStatus} />
      </div>
      <p className="text-xs text-zinc-500">
        Attempt {Math.max(1, data.attempts)}
        {data.httpStatus ? ` · HTTP ${data.httpStatus}` : ""}
        {data.message ? ` · ${data.message}` : ""}
      </p>
      {error ? <p className="text-xs text-amber-700">{error}</p> : null}
    </div>
  );
}
