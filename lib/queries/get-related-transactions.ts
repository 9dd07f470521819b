import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { sortByOrderChain } from "@/lib/domain/order-chain";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { scopeWhere } from "./list-transactions";
import { summaryInclude, type TransactionSummary, toSummary } from "./transaction-summary";

// The other transactions of the same order, shipment or load: the order release, the pick
// and shipment confirmations, the invoice posting. Two rounds, because the chain is not
// held together by one reference: an invoice carries the load, the load's shipment carries
// the order. Each round is an indexed IN on order_id / shipment_id / load_id, limited to the
// caller's sites (a link is never followed through a transaction they may not see).

export const CHAIN_REFS = ["orderId", "shipmentId", "loadId"] as const;
export type ChainRef = (typeof CHAIN_REFS)[number];

export interface RelatedTransaction {
  transaction: TransactionSummary;
  // The reference that linked it, e.g. { ref: "loadId", value: "L-77" }.
  via: { ref: ChainRef; value: string };
}

export interface RelatedTransactions {
  related: RelatedTransaction[];
  truncated: boolean;
}

const ROUNDS = 2;
export const RELATED_LIMIT = 50;

type Refs = Record<ChainRef, Set<string>>;

export async function getRelatedTransactions(
  prisma: PrismaClient,
  transaction: Pick<TransactionSummary, "id" | "refs">,
  scope: SiteScope = ALL_SITES,
  limit = RELATED_LIMIT,
): Promise<RelatedTransactions> {
  const seen = new Set([transaction.id]);
  const found: RelatedTransaction[] = [];
  let refs = refsOf([transaction]);
  const followed = refsOf([]);
  let truncated = false;
  for (let round = 0; round < ROUNDS && found.length < limit && hasAny(refs); round++) {
    for (const key of CHAIN_REFS) for (const v of refs[key]) followed[key].add(v);
    const budget = limit - found.length;
    const rows = await prisma.transaction.findMany({
      where: { AND: [linkedBy(refs), scopeWhere(scope), { id: { notIn: [...seen] } }] },
      include: summaryInclude,
      orderBy: [{ firstEventAt: "asc" }, { id: "asc" }],
      take: budget + 1,
    });
    if (rows.length > budget) truncated = true;
    const batch = rows.slice(0, budget).map(toSummary);
    for (const t of batch) {
      seen.add(t.id);
      found.push({ transaction: t, via: viaOf(t, refs) });
    }
    refs = unfollowed(refsOf(batch), followed);
  }
  const ordered = sortByOrderChain(
    found.map((f) => ({ ...f, workflow: f.transaction.workflow, firstEventAt: f.transaction.firstEventAt })),
  );
  return { related: ordered.map(({ transaction: t, via }) => ({ transaction: t, via })), truncated };
}

function refsOf(ts: readonly Pick<TransactionSummary, "refs">[]): Refs {
  const refs: Refs = { orderId: new Set(), shipmentId: new Set(), loadId: new Set() };
  for (const t of ts) for (const key of CHAIN_REFS) if (t.refs[key]) refs[key].add(t.refs[key]!);
  return refs;
}

// Only references not followed yet: the second round looks for what the first one added.
function unfollowed(next: Refs, followed: Refs): Refs {
  const refs: Refs = { orderId: new Set(), shipmentId: new Set(), loadId: new Set() };
  for (const key of CHAIN_REFS) for (const v of next[key]) if (!followed[key].has(v)) refs[key].add(v);
  return refs;
}

function hasAny(refs: Refs): boolean {
  return CHAIN_REFS.some((k) => refs[k].size > 0);
}

function linkedBy(refs: Refs): Prisma.TransactionWhereInput {
  return { OR: CHAIN_REFS.filter((k) => refs[k].size > 0).map((k) => ({ [k]: { in: [...refs[k]] } })) };
}

function viaOf(t: TransactionSummary, refs: Refs): RelatedTransaction["via"] {
  const ref = CHAIN_REFS.find((k) => t.refs[k] !== null && refs[k].has(t.refs[k]!))!;
  return { ref, value: t.refs[ref]! };
}
