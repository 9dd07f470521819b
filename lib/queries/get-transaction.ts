import { z } from "zod";
import { ALL_SITES, type SiteScope } from "@/lib/auth/site-scope";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { scopeWhere } from "./list-transactions";
import { summaryInclude, type TransactionSummary, toSummary } from "./transaction-summary";

export interface TransactionEvent {
  id: string;
  eventId: string;
  stage: string;
  layer: string;
  occurredAt: string;
  receivedAt: string;
  durationMs: number | null;
  source: string | null;
  target: string | null;
  attempt: number | null;
  error: { code: string | null; message: string | null; retryable: boolean | null } | null;
  traceId: string | null;
  spanId: string | null;
  parentSpanId: string | null;
  hasPayload: boolean;
}

export interface TransactionDetail {
  transaction: TransactionSummary;
  events: TransactionEvent[];
}

export type TransactionLookup = { found: TransactionDetail } | { ambiguous: string[] } | { notFound: true };

// By Crossdock id, or by the sender's transaction id when that is unique across senders.
// Outside the caller's sites a transaction does not exist (not found, never "forbidden").
export async function getTransaction(
  prisma: PrismaClient,
  idOrExternalId: string,
  scope: SiteScope = ALL_SITES,
): Promise<TransactionLookup> {
  const isUuid = z.uuid().safeParse(idOrExternalId).success;
  const byId = isUuid
    ? { OR: [{ id: idOrExternalId }, { externalId: idOrExternalId }] }
    : { externalId: idOrExternalId };
  const matches = await prisma.transaction.findMany({
    where: { AND: [byId, scopeWhere(scope)] },
    include: summaryInclude,
    take: 10,
  });
  if (matches.length === 0) return { notFound: true };
  if (matches.length > 1) return { ambiguous: matches.map((m) => m.id) };
  const t = matches[0]!;
  const events = await prisma.event.findMany({
    where: { transactionId: t.id },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    include: { payload: { select: { eventId: true } } },
  });
  return {
    found: {
      transaction: toSummary(t),
      events: events.map((e) => ({
        id: e.id.toString(),
        eventId: e.eventId,
        stage: e.stage,
        layer: e.layer,
        occurredAt: e.occurredAt.toISOString(),
        receivedAt: e.receivedAt.toISOString(),
        durationMs: e.durationMs,
        source: e.sourceSystem,
        target: e.targetSystem,
        attempt: e.attempt,
        error:
          e.errorCode || e.errorMessage
            ? { code: e.errorCode, message: e.errorMessage, retryable: e.errorRetryable }
            : null,
        traceId: e.traceId,
        spanId: e.spanId,
        parentSpanId: e.parentSpanId,
        hasPayload: e.payload !== null,
      })),
    },
  };
}
