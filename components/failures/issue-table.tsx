import Link from "next/link";
import { MoneyList } from "@/components/dashboard/money-list";
import { issueHref } from "@/components/issues/issue-href";
import { IssueStateBadge } from "@/components/issues/issue-state-badge";
import { layerLabel } from "@/components/trace/layer-labels";
import { DataTable } from "@/components/ui/data-table";
import { formatUtc } from "@/components/ui/format";
import type { FailureIssuesView } from "@/lib/queries/load-failure-issues";
import { signatureError } from "./failure-text";

type Issue = FailureIssuesView["issues"][number];

// One row per issue: what fails and where, who has it, what it holds up, and its page.
export function IssueTable({ issues, valuesVisible }: { issues: readonly Issue[]; valuesVisible: boolean }) {
  return (
    <DataTable
      caption="Failure issues, unresolved first, latest failure first"
      headers={["State", "Error", "Owner", "Open", "Value", "Sites", "First / last seen", ""]}
      minWidth="60rem"
    >
      {issues.map((i) => {
        const error = signatureError(i.errorSignature, i.errorCode);
        return (
          <tr key={i.id} data-testid="failure-issue" data-issue-id={i.id} className="align-top hover:bg-zinc-50">
            <td className="px-3 py-2">
              <IssueStateBadge state={i.state} />
            </td>
            <td className="max-w-md px-3 py-2">
              {error.code ? <p className="font-mono text-xs font-semibold text-zinc-900">{error.code}</p> : null}
              <p className="line-clamp-2 text-xs text-zinc-600" title={i.errorSignature}>
                {error.message || "no message"}
              </p>
              <p className="text-xs text-zinc-500">
                {layerLabel(i.layer)}
                {i.targetSystem ? ` · ${i.targetSystem}` : ""}
              </p>
            </td>
            <td className="px-3 py-2 text-xs text-zinc-700">
              {i.owner?.name ?? <span className="text-zinc-400">nobody</span>}
            </td>
            <td className="px-3 py-2 tabular-nums font-semibold text-zinc-900">{i.open.toLocaleString("en-US")}</td>
            <td className="px-3 py-2 text-xs">
              <MoneyList value={i.value} visible={valuesVisible} />
            </td>
            <td className="px-3 py-2 text-xs text-zinc-700">{i.sites.length ? i.sites.join(", ") : "—"}</td>
            <td className="whitespace-nowrap px-3 py-2 text-xs text-zinc-600">
              <time dateTime={i.firstSeen}>{formatUtc(i.firstSeen).slice(5, 16)}</time>
              <br />
              <time dateTime={i.lastSeen}>{formatUtc(i.lastSeen).slice(5, 16)}</time> UTC
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-right">
              <Link href={issueHref(i.id)} className="text-sm font-medium text-blue-700 hover:underline">
                Open issue<span className="sr-only"> {error.code ?? i.errorSignature}</span> →
              </Link>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
