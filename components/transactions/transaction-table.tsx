import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { NEEDS_PERSON_STATUSES, type Status } from "@/lib/domain/vocabulary";
import type { TransactionSummary } from "@/lib/queries/transaction-summary";
import { transactionHref } from "./transaction-href";
import { UnregisteredFlag } from "./unregistered-flag";

const HEADERS = ["Status", "Workflow", "Site", "Layer", "Business key", "Transaction id", "Attempts", "Last event"];

export function TransactionTable({ transactions, now }: { transactions: TransactionSummary[]; now: Date }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full min-w-[960px] text-left text-sm">
        <caption className="sr-only">Transactions, most recent activity first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-600">
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className={`px-3 py-2 font-medium ${h === "Attempts" ? "text-right" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {transactions.map((t) => (
            <TransactionRow key={t.id} t={t} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TransactionRow({ t, now }: { t: TransactionSummary; now: Date }) {
  const needsPerson = (NEEDS_PERSON_STATUSES as readonly string[]).includes(t.status as Status);
  const shownLayer = needsPerson && t.failedLayer ? t.failedLayer : t.layer;
  return (
    // `relative` anchors the stretched link below, so the whole row is one click target without client JS.
    <tr className="relative hover:bg-zinc-50" data-transaction-id={t.transactionId}>
      <td className="px-3 py-2">
        <StatusBadge status={t.status} />
      </td>
      <td className="px-3 py-2">
        <span className="whitespace-nowrap">{t.workflow}</span>
        {t.workflowRegistered ? null : <UnregisteredFlag />}
      </td>
      <td className="px-3 py-2">{t.site ?? <span className="text-zinc-400">—</span>}</td>
      <td className={`px-3 py-2 font-mono text-xs ${needsPerson && t.failedLayer ? "text-red-700" : "text-zinc-700"}`}>
        {needsPerson && t.failedLayer ? <span title={`Failed at ${shownLayer}`}>{shownLayer}</span> : shownLayer}
      </td>
      <td className="px-3 py-2">
        <Link
          href={transactionHref(t.id)}
          className="font-medium text-blue-700 after:absolute after:inset-0 after:content-[''] hover:underline focus:outline-none focus-visible:after:ring-2 focus-visible:after:ring-inset focus-visible:after:ring-blue-600"
        >
          {t.businessKey ?? t.transactionId}
        </Link>
      </td>
      <td className="px-3 py-2 font-mono text-xs text-zinc-700">{t.transactionId}</td>
      <td className="px-3 py-2 text-right">{t.attempts}</td>
      <td className="px-3 py-2 text-zinc-700">
        <RelativeTime iso={t.lastEventAt} now={now} />
      </td>
    </tr>
  );
}
