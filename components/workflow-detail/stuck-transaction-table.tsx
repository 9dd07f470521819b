"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { layerLabel } from "@/components/trace/layer-labels";
import { transactionHref } from "@/components/transactions/transaction-href";
import { formatAge, formatMoney, formatUtc } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { replayNotConfirmed } from "@/lib/domain/dashboard/stuck";
import type { StuckTransactionView } from "@/lib/queries/dashboard-views/load-workflow-detail";

const FIRST_ROWS = 10;

// A workflow's stuck transactions, oldest first; each opens its trace. The "Error" column
// says why each waits: its error, or that its replay was not confirmed within the SLA.
export function StuckTransactionTable({
  transactions,
  showValues,
  slaMinutes,
}: {
  transactions: readonly StuckTransactionView[];
  showValues: boolean;
  slaMinutes: number;
}) {
  // Ages are computed in the browser after hydration, so server and client markup agree.
  const [now, setNow] = useState<Date | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new figures re-read the clock, so ages are as of the data shown
  useEffect(() => setNow(new Date()), [transactions]);
  // The oldest few answer "since when"; the rest are one click (or the CSV) away.
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? transactions : transactions.slice(0, FIRST_ROWS);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[760px] text-left text-sm">
        <caption className="sr-only">Stuck transactions</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Transaction
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Site
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Layer
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Error
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              No progress since
            </th>
            {showValues ? (
              <th scope="col" className="py-2 text-right font-medium">
                Value
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {shown.map((t) => (
            <tr key={t.id} className="align-top">
              <td className="py-2 pr-3">
                <Link href={transactionHref(t.id)} className="font-medium text-blue-700 hover:underline">
                  {t.businessKey ?? t.externalId}
                </Link>
                {t.businessKey ? <span className="block font-mono text-xs text-zinc-500">{t.externalId}</span> : null}
              </td>
              <td className="py-2 pr-3">{t.site ?? "—"}</td>
              <td className="py-2 pr-3">
                <StatusBadge status={t.status} />
              </td>
              <td className="py-2 pr-3 text-xs">{layerLabel(t.currentLayer)}</td>
              <td className="max-w-xs py-2 pr-3 text-xs">
                {t.status === "replaying" ? (
                  <span className="text-zinc-700">{capitalize(replayNotConfirmed(slaMinutes))}</span>
                ) : null}
                {t.errorCode ? <span className="font-medium">{t.errorCode}</span> : null}
                {t.errorMessage ? (
                  <span className="block truncate text-zinc-600" title={t.errorMessage}>
                    {t.errorMessage}
                  </span>
                ) : null}
              </td>
              <td className="py-2 pr-3 text-xs whitespace-nowrap" title={formatUtc(t.lastEventAt)}>
                {now ? formatAge(t.lastEventAt, now) : formatUtc(t.lastEventAt)}
              </td>
              {showValues ? (
                <td className="py-2 text-right tabular-nums">
                  {t.valueAmount && t.valueCurrency ? formatMoney(t.valueAmount, t.valueCurrency) : "—"}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {transactions.length > FIRST_ROWS ? (
        <button
          type="button"
          onClick={() => setShowAll((v) => !v)}
          className="mt-2 text-xs font-medium text-blue-700 hover:underline"
          aria-expanded={showAll}
        >
          {showAll
            ? `Show the oldest ${FIRST_ROWS} only`
            : `Show all ${transactions.length}${transactions.length >= 100 ? " (the oldest 100)" : ""}`}
        </button>
      ) : null}
    </div>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
