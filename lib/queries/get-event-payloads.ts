import type { PrismaClient } from "@/lib/generated/prisma/client";

// Payloads of a transaction's events (already redacted at ingest), for roles that may see them.
export async function getEventPayloads(prisma: PrismaClient, transactionId: string): Promise<Map<string, unknown>> {
  const rows = await prisma.eventPayload.findMany({
    where: { event: { transactionId } },
    select: { eventId: true, payload: true },
  });
  return new Map(rows.map((r) => [r.eventId.toString(), r.payload]));
}
