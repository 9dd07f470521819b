import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import type { TransactionSummary } from "@/lib/queries/transaction-summary";
import { transactionHref } from "./transaction-href";

// A sender's transaction id is unique per sender only; when two senders reuse it, let the person choose.
// `otherIds`: candidates matched by Crossdock id rather than by sender id, shown as bare links.
export function AmbiguousTransaction({
  externalId,
  candidates,
  otherIds,
}: {
  externalId: string;
  candidates: TransactionSummary[];
  otherIds: string[];
}) {
  return (
    <section className="flex flex-col gap-3">
      <h1 className="text-xl font-semibold tracking-tight">
        Several transactions have the id <span className="font-mono">{externalId}</span>
      </h1>
      <p className="text-sm text-zinc-600">Different systems sent a transaction with this id. Pick the one you mean:</p>
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
        {candidates.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
            <StatusBadge status={t.status} />
            <Link href={transactionHref(t.id)} className="font-medium text-blue-700 hover:underline">
              {t.workflow} {t.businessKey ?? t.transactionId}
            </Link>
            <span className="text-zinc-600">sent by {t.sender}</span>
            {t.site ? <span className="text-zinc-600">site {t.site}</span> : null}
          </li>
        ))}
        {otherIds.map((id) => (
          <li key={id} className="px-4 py-3 text-sm">
            <Link href={transactionHref(id)} className="font-mono text-blue-700 hover:underline">
              {id}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
