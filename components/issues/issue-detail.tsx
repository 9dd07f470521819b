import Link from "next/link";
import { MoneyList } from "@/components/dashboard/money-list";
import { failureTransactionsHref, signatureError } from "@/components/failures/failure-text";
import { BulkReplayButton } from "@/components/replay/bulk-replay-button";
import { layerLabel } from "@/components/trace/layer-labels";
import { Card } from "@/components/ui/card";
import { formatUtc } from "@/components/ui/format";
import type { Serialized } from "@/lib/queries/dashboard-views/serialized";
import type { FailureIssueDetail } from "@/lib/queries/get-failure-issue";
import { IssueActions } from "./issue-actions";
import { IssueHistory } from "./issue-history";
import { IssueStateBadge } from "./issue-state-badge";

type Issue = Serialized<FailureIssueDetail>;

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="text-sm text-zinc-900">{children}</dd>
    </div>
  );
}

// An issue's page: what fails where, what it holds up now, the way to its transactions
// (and their bulk replay), who has it, and what happened to it.
export function IssueDetail(props: {
  issue: Issue;
  valuesVisible: boolean;
  canManage: boolean;
  canReplay: boolean;
  canForce: boolean;
  owners: { id: number; name: string }[];
  me: number;
}) {
  const { issue } = props;
  const error = signatureError(issue.errorSignature, issue.errorCode);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1">
          <p className="text-sm">
            <Link href="/failures" className="text-blue-700 hover:underline">
              Failures
            </Link>{" "}
            / Issue {issue.id}
          </p>
          <h1 className="flex items-center gap-2 text-xl font-semibold tracking-tight">
            {error.code ?? "Failure"} <IssueStateBadge state={issue.state} />
          </h1>
          <p className="max-w-3xl text-sm text-zinc-600" title={issue.errorSignature}>
            {error.message || "no message"}
          </p>
          <p className="text-xs text-zinc-500">
            {layerLabel(issue.layer)}
            {issue.targetSystem ? ` · ${issue.targetSystem}` : ""}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Link
            href={failureTransactionsHref(issue.errorSignature)}
            className="h-9 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm font-medium text-blue-700 hover:bg-zinc-50"
          >
            Transactions →
          </Link>
          {props.canReplay && issue.open > 0 ? (
            <BulkReplayButton
              label="Replay its transactions…"
              filters={{ errorSignature: issue.errorSignature }}
              canForce={props.canForce}
            />
          ) : null}
        </div>
      </div>
      <Card title="Now" description="Open failed transactions with this signature at your sites">
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Figure label="Open failures">
            <span data-testid="issue-open" className="font-semibold tabular-nums">
              {issue.open.toLocaleString("en-US")}
            </span>
          </Figure>
          <Figure label="Value">
            <MoneyList value={issue.value} visible={props.valuesVisible} />
          </Figure>
          <Figure label="Sites">{issue.sites.length ? issue.sites.join(", ") : "—"}</Figure>
          <Figure label="Workflows">{issue.workflows.length ? issue.workflows.join(", ") : "—"}</Figure>
          <Figure label="Owner">
            <span data-testid="issue-owner">{issue.owner?.name ?? "nobody"}</span>
          </Figure>
          <Figure label="First seen">{formatUtc(issue.firstSeen).slice(0, 16)} UTC</Figure>
          <Figure label="Last seen">{formatUtc(issue.lastSeen).slice(0, 16)} UTC</Figure>
          <Figure label={issue.state === "resolved" ? "Resolved" : "Last resolved"}>
            {issue.resolvedAt
              ? `${formatUtc(issue.resolvedAt).slice(0, 16)} UTC${issue.resolvedBy ? ` by ${issue.resolvedBy}` : ""}`
              : "—"}
          </Figure>
        </dl>
      </Card>
      {props.canManage ? (
        <Card
          title="Actions"
          description="Acknowledge to own it; resolve with what was fixed; a failure arriving after a resolution reopens it"
        >
          <IssueActions
            issueId={issue.id}
            state={issue.state}
            ownerId={issue.owner?.id ?? null}
            owners={props.owners}
            me={props.me}
          />
        </Card>
      ) : null}
      <Card title="History">
        <IssueHistory history={issue.history} />
      </Card>
    </div>
  );
}
