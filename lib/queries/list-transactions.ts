import { z } from "zod";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import { STATUSES } from "@/lib/domain/vocabulary";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { summaryInclude, type TransactionSummary, toSummary } from "./transaction-summary";

// Newest-first transaction list with filters and keyset (cursor) pagination, shared by
// the transactions page and GET /api/v1/transactions.

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

export const transactionFilterSchema = z.object({
  workflow: optionalText,
  site: optionalText,
  status: z
    .enum(STATUSES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  q: optionalText,
  transactionId: optionalText,
  businessKey: optionalText,
  traceId: optionalText,
  orderId: optionalText,
  shipmentId: optionalText,
  loadId: optionalText,
  invoiceId: optionalText,
  sku: optionalText,
  customerId: optionalText,
  // The Failures and Stuck work views link a group of transactions by its error signature.
  errorSignature: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((v) => (v ? v : undefined)),
  cursor: optionalText,
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type TransactionFilter = z.infer<typeof transactionFilterSchema>;

export interface TransactionPage {
  transactions: TransactionSummary[];
  nextCursor: string | null;
}

export async function listTransactions(
  prisma: PrismaClient,
  filter: TransactionFilter,
  scope: SiteScope = ALL_SITES,
): Promise<TransactionPage> {
  const rows = await prisma.transaction.findMany({
    where: { AND: [whereOf(filter), scopeWhere(scope), afterCursor(filter.cursor)] },
    include: summaryInclude,
    orderBy: [{ lastEventAt: "desc" }, { id: "desc" }],
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    transactions: page.map(toSummary),
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last.lastEventAt, last.id) : null,
  };
}

// A user limited to sites sees only their transactions; ones without a site are not theirs.
export function scopeWhere(scope: SiteScope): Prisma.TransactionWhereInput {
  return scope.kind === "all" ? {} : { site: { code: { in: [...scope.sites] } } };
}

// Shared with bulk replay (lib/services/replay/bulk-replay.ts): the same filter picks the same transactions.
export function whereOf(f: TransactionFilter): Prisma.TransactionWhereInput {
  const where: Prisma.TransactionWhereInput = {
    workflow: f.workflow ? { name: f.workflow } : undefined,
    site: f.site ? { code: f.site } : undefined,
    status: f.status,
    externalId: f.transactionId,
    businessKey: f.businessKey,
    traceId: f.traceId,
    orderId: f.orderId,
    shipmentId: f.shipmentId,
    loadId: f.loadId,
    invoiceId: f.invoiceId,
    sku: f.sku,
    customerId: f.customerId,
    errorSignature: f.errorSignature,
  };
  if (f.q) where.OR = searchTerms(f.q);
  return where;
}

// One box finds a transaction by any reference it carries; every branch is an indexed equality.
function searchTerms(q: string): Prisma.TransactionWhereInput[] {
  const terms: Prisma.TransactionWhereInput[] = [
    { businessKey: q },
    { externalId: q },
    { orderId: q },
    { shipmentId: q },
    { loadId: q },
    { invoiceId: q },
    { sku: q },
    { customerId: q },
    { traceId: q },
  ];
  if (z.uuid().safeParse(q).success) terms.push({ id: q });
  return terms;
}

function afterCursor(cursor: string | undefined): Prisma.TransactionWhereInput {
  if (!cursor) return {};
  const decoded = decodeCursor(cursor);
  return {
    OR: [{ lastEventAt: { lt: decoded.at } }, { lastEventAt: decoded.at, id: { lt: decoded.id } }],
  };
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export class InvalidCursorError extends Error {}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime()) || !z.uuid().safeParse(id).success) {
    throw new InvalidCursorError("cursor is not one this API returned");
  }
  return { at, id };
}
