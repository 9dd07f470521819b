import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ReplayActions } from "@/components/replay/replay-actions";
import { AttemptHistory } from "@/components/trace/attempt-history";
import { HopStrip } from "@/components/trace/hop-strip";
import { RelatedTransactions } from "@/components/trace/related-transactions";
import { TraceWaterfall } from "@/components/trace/trace-waterfall";
import { AmbiguousTransaction } from "@/components/transactions/ambiguous-transaction";
import { ReplayWaitNotice } from "@/components/transactions/replay-wait-notice";
import { TransactionError } from "@/components/transactions/transaction-error";
import { TransactionHeader } from "@/components/transactions/transaction-header";
import type { Actor } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/permissions";
import type { SiteScope } from "@/lib/auth/site-scope";
import { visibleTransaction } from "@/lib/auth/visible-fields";
import { getPool, getPrisma } from "@/lib/db";
import { buildAttempts, buildWaterfall, summarizeHops } from "@/lib/domain/trace";
import { getEventPayloads } from "@/lib/queries/get-event-payloads";
import { getRelatedTransactions } from "@/lib/queries/get-related-transactions";
import { getReplayWait } from "@/lib/queries/get-replay-wait";
import { getTransaction, type TransactionDetail } from "@/lib/queries/get-transaction";
import { listTransactions, transactionFilterSchema } from "@/lib/queries/list-transactions";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
}

// Next hands over the segment still percent-encoded; sender ids may contain spaces, "/" or "#".
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escape: look it up as typed
  }
}

// One lookup per request, shared by the tab title and the page; limited to the actor's sites.
const lookUp = cache(async (id: string) => {
  const actor = await requirePageActor("transactions:read");
  return { actor, result: await getTransaction(getPrisma(), id, actor.scope) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { result } = await lookUp(decodeSegment((await params).id));
  if ("found" in result) {
    const t = result.found.transaction;
    return { title: `${t.businessKey ?? t.transactionId} · ${t.workflow}` };
  }
  return { title: "Transaction" };
}

export default async function TransactionPage({ params }: Props) {
  const id = decodeSegment((await params).id);
  const { actor, result } = await lookUp(id);
  if ("notFound" in result) notFound();

  return (
    <div className="flex flex-col gap-6">
      <Link href="/transactions" className="text-sm text-blue-700 hover:underline">
        ← Transactions
      </Link>
      {"found" in result ? (
        <Trace detail={result.found} actor={actor} />
      ) : (
        <Ambiguous externalId={id} ids={result.ambiguous} scope={actor.scope} />
      )}
    </div>
  );
}

// The trace of one transaction: the route with its failing hop, every event on a timeline
// (with payloads for roles that may see them), the attempts, and the rest of its order;
// after an accepted replay, what it waits for.
async function Trace({ detail, actor }: { detail: TransactionDetail; actor: Actor }) {
  const t = detail.transaction;
  const [payloads, related, replayWait] = await Promise.all([
    can(actor.role, "payloads:read") ? getEventPayloads(getPrisma(), t.id) : undefined,
    getRelatedTransactions(getPrisma(), t, actor.scope),
    t.status === "replaying" ? getReplayWait(getPool(), t.id) : null,
  ]);
  return (
    <>
      <TransactionHeader t={visibleTransaction(t, actor)} />
      <ReplayActions
        transaction={{ id: t.id, status: t.status, awaitingConfirmation: replayWait !== null }}
        actor={{ role: actor.role }}
      />
      {replayWait ? <ReplayWaitNotice wait={replayWait} now={new Date()} /> : null}
      <TransactionError t={t} />
      <HopStrip hops={summarizeHops(detail.events)} />
      <TraceWaterfall waterfall={buildWaterfall(detail.events)} payloads={payloads} />
      <AttemptHistory attempts={buildAttempts(detail.events)} />
      <RelatedTransactions result={related} />
    </>
  );
}

async function Ambiguous({ externalId, ids, scope }: { externalId: string; ids: string[]; scope: SiteScope }) {
  const page = await listTransactions(
    getPrisma(),
    transactionFilterSchema.parse({ transactionId: externalId, limit: 10 }),
    scope,
  );
  const candidates = page.transactions.filter((t) => ids.includes(t.id));
  const otherIds = ids.filter((id) => !candidates.some((t) => t.id === id));
  return <AmbiguousTransaction externalId={externalId} candidates={candidates} otherIds={otherIds} />;
}
