import type { IssueState } from "@/lib/domain/issue-state";

// Red: nobody has it; amber: came back after a resolution; blue: someone owns it; gray: resolved.
const TONES: Record<IssueState, string> = {
  open: "bg-red-50 text-red-800 ring-red-600/25",
  reopened: "bg-amber-50 text-amber-800 ring-amber-600/30",
  acknowledged: "bg-blue-50 text-blue-800 ring-blue-600/25",
  resolved: "bg-zinc-100 text-zinc-700 ring-zinc-500/25",
};

export const ISSUE_STATE_LABELS: Record<IssueState, string> = {
  open: "Open",
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  reopened: "Reopened",
};

export function IssueStateBadge({ state }: { state: IssueState }) {
  return (
    <span
      data-issue-state={state}
      className={`inline-flex items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[state]}`}
    >
      {ISSUE_STATE_LABELS[state]}
    </span>
  );
}
