import Link from "next/link";
import { transactionHref } from "@/components/transactions/transaction-href";
import { formatUtc } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import type { RelatedTransactions as Related } from "@/lib/queries/get-related-transactions";

const REF_LABEL = { orderId: "order", shipmentId: "shipment", loadId: "load" } as const;

// The rest of the order's story: release, picks, shipments, invoices, in that order.
export function RelatedTransactions({ result }: { result: Related }) {
  return (
    <section aria-labelledby="related-title" className="flex flex-col gap-2">
      <h2 id="related-title" className="text-base font-semibold">
        Same order, shipment or load{" "}
        <span className="font-normal text-zinc-500">
          ({result.related.length}
          {result.truncated ? "+" : ""})
        </span>
      </h2>
      {result.related.length === 0 ? (
        <p className="text-sm text-zinc-600">
          No other transaction of your sites shares this transaction&apos;s order, shipment or load.
        </p>
      ) : (
        <ol
          className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white"
          data-testid="related-transactions"
        >
          {result.related.map(({ transaction: t, via }) => (
            <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
              <StatusBadge status={t.status} />
              <span className="w-44 text-zinc-600">{t.workflow}</span>
              <Link href={transactionHref(t.id)} className="font-medium text-blue-700 hover:underline">
                {t.businessKey ?? t.transactionId}
              </Link>
              <span className="text-xs text-zinc-500">
                via {REF_LABEL[via.ref]} <span className="font-mono">{via.value}</span>
              </span>
              <span className="text-xs text-zinc-500">{t.site ?? "no site"}</span>
              <time dateTime={t.firstEventAt} className="ml-auto font-mono text-xs text-zinc-500">
                {formatUtc(t.firstEventAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
      {result.truncated ? <p className="text-xs text-zinc-500">Showing the first {result.related.length}.</p> : null}
    </section>
  );
}
