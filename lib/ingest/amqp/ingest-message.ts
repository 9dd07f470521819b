import type { Pool } from "pg";
import type { ApiCaller } from "@/lib/auth/api-keys";
import { AppError } from "@/lib/errors";
import type { ItemOutcome } from "../canonical-event";
import { loadCloudEventTypes } from "../cloudevent-type";
import { ingestBatch } from "../ingest-batch";
import { loadRedactionRules } from "../redaction-rules";
import { type AmqpMessageProperties, decodeMessage, type MessageFormat } from "./decode-message";

// One broker message through the HTTP API's ingest path (same parsers, same limits, same
// store), and what to do with the message afterwards:
//   ack            every event is stored or a duplicate
//   ack + dead-letter   the message (or the rejected items of a batch) cannot be ingested as
//                  sent; sending it again would fail the same way
//   retry          storing failed for a reason of ours (database down): nothing may be lost,
//                  so the message goes back to the queue
// Never throws.

export interface IngestLimits {
  maxBodyBytes: number;
  maxEvents: number;
  maxPayloadBytes: number;
}

export interface RejectedItem {
  index: number;
  id?: string;
  errors: { path: string; code?: string; message: string }[];
}

export interface DeadLetter {
  // the rejected items in the message's own format; null: the whole message as received
  body: Buffer | null;
  // what was wrong and where, one line
  reason: string;
  rejected: RejectedItem[];
}

export type MessageOutcome =
  | { action: "ack"; format: MessageFormat | null; accepted: number; duplicates: number; deadLetter?: DeadLetter }
  | { action: "retry"; error: unknown };

export async function ingestMessage(
  pool: Pool,
  caller: () => Promise<ApiCaller>,
  content: Buffer,
  props: AmqpMessageProperties,
  limits: IngestLimits,
): Promise<MessageOutcome> {
  const decoded = decodeMessage(content, props, limits.maxBodyBytes);
  if (!decoded.ok) return deadLetter(null, { body: null, reason: decoded.reason, rejected: [] });
  try {
    const parseLimits = {
      maxEvents: limits.maxEvents,
      maxPayloadBytes: limits.maxPayloadBytes,
      redactPaths: await loadRedactionRules(pool),
      cloudEventTypes: await loadCloudEventTypes(pool),
    };
    const report = await ingestBatch(pool, await caller(), () => decoded.parse(parseLimits), decoded.emptyMessage);
    const { accepted, duplicates, results } = report.body;
    const rejected = results.filter((r): r is Extract<ItemOutcome, { status: "rejected" }> => r.status === "rejected");
    if (rejected.length === 0) return { action: "ack", format: decoded.format, accepted, duplicates };
    const whole = accepted + duplicates === 0;
    const body = whole ? null : decoded.rejectedBody(rejected.map((r) => r.index));
    const items = rejected.map(({ index, id, errors }) => ({ index, ...(id === undefined ? {} : { id }), errors }));
    return {
      action: "ack",
      format: decoded.format,
      accepted,
      duplicates,
      deadLetter: { body, reason: describeRejected(items, results.length), rejected: items },
    };
  } catch (error) {
    if (error instanceof AppError)
      return deadLetter(decoded.format, { body: null, reason: `body: ${error.message}`, rejected: [] });
    if (isDataError(error))
      return deadLetter(decoded.format, {
        body: null,
        reason: `the database refused the data: ${(error as Error).message}`,
        rejected: [],
      });
    return { action: "retry", error };
  }
}

function deadLetter(format: MessageFormat | null, letter: DeadLetter): MessageOutcome {
  return { action: "ack", format, accepted: 0, duplicates: 0, deadLetter: letter };
}

// SQLSTATE class 22 (data exception, e.g. a NUL character in text): the message's content is
// at fault and would fail on every redelivery. Every other error is retried, so an outage
// never costs a message.
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("22");
}

const REASON_LIMIT = 2000;

function describeRejected(items: RejectedItem[], total: number): string {
  const first = items.flatMap((i) => i.errors.map((e) => `${e.path}: ${e.message}`));
  const text = `${items.length} of ${total} event${total === 1 ? "" : "s"} rejected: ${first.join("; ")}`;
  return text.length > REASON_LIMIT ? `${text.slice(0, REASON_LIMIT - 3)}...` : text;
}
