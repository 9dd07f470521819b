import { z } from "zod";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import type { SearchDestination } from "@/lib/domain/search-destination";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { summaryInclude, type TransactionSummary, toSummary } from "./transaction-summary";

// The header search box: one term that finds a transaction by whatever a person has at
// hand - a business reference (exact, or the start of one), the sender's transaction id,
// Crossdock's id or a trace id. Every branch is an indexed column: an equality, or a
// `LIKE 'prefix%'` that PostgreSQL turns into an index range (the database uses the C
// collation, see lib/postgres/embedded/data-dir.ts). Limited to the caller's sites.

export const SEARCH_FIELDS = [
  "businessKey",
  "orderId",
  "shipmentId",
  "loadId",
  "invoiceId",
  "sku",
  "customerId",
  "transactionId",
  "traceId",
  "id",
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

// Business references match by prefix; ids only exactly (a prefix of an id means nothing).
const PREFIX_FIELDS = [
  "businessKey",
  "orderId",
  "shipmentId",
  "loadId",
  "invoiceId",
  "sku",
  "customerId",
] as const satisfies readonly SearchField[];
const COLUMNS: Record<(typeof PREFIX_FIELDS)[number] | "transactionId" | "traceId", Prisma.Sql> = {
  businessKey: Prisma.raw("t.business_key"),
  orderId: Prisma.raw("t.order_id"),
  shipmentId: Prisma.raw("t.shipment_id"),
  loadId: Prisma.raw("t.load_id"),
  invoiceId: Prisma.raw("t.invoice_id"),
  sku: Prisma.raw("t.sku"),
  customerId: Prisma.raw("t.customer_id"),
  transactionId: Prisma.raw("t.external_id"),
  traceId: Prisma.raw("t.trace_id"),
};

// Shorter prefixes ("S", "SH") would match half the table and tell nobody anything.
export const MIN_PREFIX_LENGTH = 3;
export const SEARCH_LIMIT = 20;

export const searchQuerySchema = z.string().trim().min(1, "Type something to search for.").max(200);

export interface SearchHit {
  transaction: TransactionSummary;
  matchedOn: SearchField;
  exact: boolean;
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  truncated: boolean;
}

export async function searchTransactions(
  prisma: PrismaClient,
  query: string,
  scope: SiteScope = ALL_SITES,
  limit = SEARCH_LIMIT,
): Promise<SearchResult> {
  const q = searchQuerySchema.parse(query);
  const rows = await prisma.$queryRaw<{ id: string }[]>(searchSql(q, scope, limit + 1));
  const ids = rows.slice(0, limit).map((r) => r.id);
  const found = await prisma.transaction.findMany({ where: { id: { in: ids } }, include: summaryInclude });
  const byId = new Map(found.map((t) => [t.id, toSummary(t)]));
  const hits = ids.flatMap((id) => {
    const t = byId.get(id);
    const match = t ? matchOf(t, q) : null;
    return t && match ? [{ transaction: t, ...match }] : [];
  });
  return { query: q, hits, truncated: rows.length > limit };
}

// The ids of matching transactions, exact matches first (`IS TRUE`: a comparison with a
// NULL reference is NULL, which DESC would sort first). Exported so a test can EXPLAIN it.
export function searchSql(q: string, scope: SiteScope, limit: number): Prisma.Sql {
  const prefix = q.length >= MIN_PREFIX_LENGTH ? `${escapeLike(q)}%` : null;
  const exactArms = [...PREFIX_FIELDS, "transactionId" as const, "traceId" as const].map(
    (f) => Prisma.sql`${COLUMNS[f]} = ${q}`,
  );
  if (z.uuid().safeParse(q).success) exactArms.push(Prisma.sql`t.id = ${q}::uuid`);
  const prefixArms = prefix ? PREFIX_FIELDS.map((f) => Prisma.sql`${COLUMNS[f]} LIKE ${prefix}`) : [];
  return Prisma.sql`
    SELECT t.id::text AS id
    FROM transactions t
    WHERE (${Prisma.join([...exactArms, ...prefixArms], " OR ")}) ${scopeSql(scope)}
    ORDER BY (${Prisma.join(exactArms, " OR ")}) IS TRUE DESC, t.last_event_at DESC, t.id DESC
    LIMIT ${limit}`;
}

function scopeSql(scope: SiteScope): Prisma.Sql {
  if (scope.kind === "all") return Prisma.empty;
  return Prisma.sql`AND t.site_id IN (SELECT s.id FROM sites s WHERE s.code = ANY(${[...scope.sites]}::text[]))`;
}

// `%` and `_` in a reference are literal characters, not wildcards.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Which field a hit matched, to say so in the result list: exact matches first, ids before references.
export function matchOf(t: TransactionSummary, q: string): { matchedOn: SearchField; exact: boolean } | null {
  const values: Record<SearchField, string | null> = {
    id: t.id,
    transactionId: t.transactionId,
    traceId: t.traceId,
    businessKey: t.businessKey,
    ...t.refs,
  };
  const exact = (["id", "transactionId", "traceId", ...PREFIX_FIELDS] as const).find((f) => values[f] === q);
  if (exact) return { matchedOn: exact, exact: true };
  const partial = q.length >= MIN_PREFIX_LENGTH ? PREFIX_FIELDS.find((f) => values[f]?.startsWith(q)) : undefined;
  return partial ? { matchedOn: partial, exact: false } : null;
}

// What /api/search answers for each hit: enough to list it, nothing a role may not see
// (no value, no payload).
export interface SearchHitView {
  id: string;
  workflow: string;
  status: string;
  site: string | null;
  label: string;
  transactionId: string;
  matchedOn: SearchField;
  exact: boolean;
  lastEventAt: string;
}

export function toSearchHitView(hit: SearchHit): SearchHitView {
  const t = hit.transaction;
  return {
    id: t.id,
    workflow: t.workflow,
    status: t.status,
    site: t.site,
    label: t.businessKey ?? t.transactionId,
    transactionId: t.transactionId,
    matchedOn: hit.matchedOn,
    exact: hit.exact,
    lastEventAt: t.lastEventAt,
  };
}

export interface SearchResponse {
  query: string;
  hits: SearchHitView[];
  truncated: boolean;
  destination: SearchDestination;
}
