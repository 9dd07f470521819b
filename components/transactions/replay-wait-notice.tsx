import { describeReplayWait, type ReplayWait } from "@/lib/domain/replay-wait";

// After an accepted replay: who replayed it, when, and that the target's confirmation is
// what the transaction waits for; amber once that wait is longer than the workflow's SLA.
export function ReplayWaitNotice({ wait, now }: { wait: ReplayWait; now: Date }) {
  const text = describeReplayWait(wait, now);
  return (
    <section
      aria-label="Replay"
      data-testid="replay-wait"
      data-stuck={text.stuck !== null}
      className={`rounded-lg border px-4 py-3 text-sm ${text.stuck ? "border-amber-300 bg-amber-50 text-amber-950" : "border-blue-200 bg-blue-50 text-blue-950"}`}
    >
      <p className="font-medium">{text.headline}</p>
      {text.stuck ? <p className="mt-1">{text.stuck}</p> : null}
    </section>
  );
}
