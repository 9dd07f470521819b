import { formatUtc } from "@/components/ui/format";
import type { IssueEventKind } from "@/lib/domain/issue-state";
import type { Serialized } from "@/lib/queries/dashboard-views/serialized";
import type { FailureIssueDetail } from "@/lib/queries/get-failure-issue";

type Entry = Serialized<FailureIssueDetail>["history"][number];

// One sentence per history row; the sync's own changes (no actor) say so. A person's note
// is quoted under it; the sync's notes only repeat the sentence, except a recurrence's.
function describe(e: Entry): string {
  const by = e.actor ? ` by ${e.actor}` : "";
  const sentences: Record<IssueEventKind, string> = {
    opened: "Opened: first failure with this signature",
    acknowledged: `Acknowledged${by}${e.owner ? `, owner ${e.owner}` : ""}`,
    owner_changed: `Owner changed${by} to ${e.owner ?? "nobody"}`,
    resolved: `Resolved${by}`,
    auto_resolved: "Resolved automatically: no open failure left (all replayed, retried or closed)",
    reopened: e.actor ? `Reopened${by}` : (e.note ?? "Reopened by recurrence"),
  };
  return sentences[e.kind] ?? e.kind;
}

export function IssueHistory({ history }: { history: readonly Entry[] }) {
  return (
    <ol className="flex flex-col gap-2" aria-label="Issue history">
      {history.map((e) => (
        <li key={e.id} data-testid="issue-history" data-kind={e.kind} className="flex gap-3 text-sm">
          <time dateTime={e.at} className="whitespace-nowrap text-xs text-zinc-500 tabular-nums">
            {formatUtc(e.at).slice(0, 16)} UTC
          </time>
          <span className="text-zinc-800">
            {describe(e)}
            {e.note && e.actor ? <span className="block text-xs text-zinc-600">“{e.note}”</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
