import type { Metadata } from "next";
import { BulkReplayButton } from "@/components/replay/bulk-replay-button";
import { InvalidCursor, InvalidFilters } from "@/components/transactions/invalid-filters";
import { exportHref, hasActiveFilter, listHref, toListParams } from "@/components/transactions/list-params";
import { TransactionFilters } from "@/components/transactions/transaction-filters";
import { TransactionPagination } from "@/components/transactions/transaction-pagination";
import { TransactionTable } from "@/components/transactions/transaction-table";
import { TransactionsEmpty } from "@/components/transactions/transactions-empty";
import { ExportCsvLink } from "@/components/ui/export-csv-link";
import { requirePageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import type { SiteScope } from "@/lib/auth/site-scope";
import { visibleTransaction } from "@/lib/auth/visible-fields";
import { getPrisma } from "@/lib/db";
import { listCatalogue } from "@/lib/queries/list-catalogue";
import {
  InvalidCursorError,
  listTransactions,
  type TransactionPage,
  transactionFilterSchema,
} from "@/lib/queries/list-transactions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor("transactions:read");
  const params = toListParams(await searchParams);
  const parsed = transactionFilterSchema.safeParse(params);
  const prisma = getPrisma();
  const [catalogue, page] = await Promise.all([
    listCatalogue(prisma, actor.scope),
    parsed.success ? loadPage(parsed.data, actor.scope) : null,
  ]);
  const now = new Date();

  return (
    <div className="flex flex-col gap-5">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-xl font-semibold tracking-tight">Transactions</h1>
        <div className="flex items-center gap-2">
          {parsed.success && can(actor.role, "transactions:replay") ? (
            <BulkReplayButton filters={parsed.data} canForce={can(actor.role, "transactions:force_replay")} />
          ) : null}
          {parsed.success ? <ExportCsvLink href={exportHref(params)} /> : null}
        </div>
      </div>
      <TransactionFilters catalogue={catalogue} params={params} />
      {!parsed.success ? (
        <InvalidFilters issues={parsed.error.issues} params={params} />
      ) : page === "invalid-cursor" ? (
        <InvalidCursor firstPageHref={listHref(params)} />
      ) : page && page.transactions.length > 0 ? (
        <div>
          <TransactionTable transactions={page.transactions.map((t) => visibleTransaction(t, actor))} now={now} />
          <TransactionPagination params={params} nextCursor={page.nextCursor} />
        </div>
      ) : (
        <TransactionsEmpty filtered={hasActiveFilter(params) || params.cursor !== undefined} />
      )}
    </div>
  );
}

async function loadPage(
  filter: Parameters<typeof listTransactions>[1],
  scope: SiteScope,
): Promise<TransactionPage | "invalid-cursor"> {
  try {
    return await listTransactions(getPrisma(), filter, scope);
  } catch (error) {
    if (error instanceof InvalidCursorError) return "invalid-cursor";
    throw error;
  }
}
