import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { transactionHref } from "@/components/transactions/transaction-href";
import { TransactionTable } from "@/components/transactions/transaction-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/page-guard";
import { visibleTransaction } from "@/lib/auth/visible-fields";
import { getReadDatabase } from "@/lib/db";
import { searchDestination } from "@/lib/domain/search-destination";
import { searchQuerySchema, searchTransactions } from "@/lib/queries/search-transactions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Search" };

// The header search without JavaScript, and the full list when there are several matches.
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor("transactions:read");
  const raw = (await searchParams).q;
  const parsed = searchQuerySchema.safeParse(Array.isArray(raw) ? raw[0] : (raw ?? ""));
  if (!parsed.success) {
    return (
      <EmptyState
        title="Find a transaction"
        description="Type an order, shipment, load, invoice, SKU or customer reference, a transaction id or a trace id in the search box (press / to get there)."
      />
    );
  }
  const result = await searchTransactions(getReadDatabase().prisma, parsed.data, actor.scope);
  const destination = searchDestination(result.hits.map((h) => ({ id: h.transaction.id, exact: h.exact })));
  if (destination.kind === "trace") redirect(transactionHref(destination.id));

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-xl font-semibold tracking-tight">
        Transactions matching <span className="font-mono">{result.query}</span>
      </h1>
      {destination.kind === "none" ? (
        <EmptyState
          title="No transaction matches"
          description="References match exactly or by their first characters (at least three); ids and trace ids match exactly."
        />
      ) : (
        <>
          <TransactionTable
            transactions={result.hits.map((h) => visibleTransaction(h.transaction, actor))}
            now={new Date()}
          />
          {result.truncated ? (
            <p className="text-sm text-zinc-600">
              Showing the first {result.hits.length}. Type more of the reference to narrow it down.
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
