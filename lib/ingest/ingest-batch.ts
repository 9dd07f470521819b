import type { Pool } from "pg";
import type { ApiCaller } from "@/lib/auth/api-keys";
import { AppError } from "@/lib/errors";
import type { ItemOutcome, ParsedBatch } from "./canonical-event";
import { storeEvents } from "./store-events";

export interface IngestReport {
  status: 200 | 400 | 413;
  body: { accepted: number; duplicates: number; rejected: number; results: ItemOutcome[] };
}

// Any wire format's parsed items -> stored events -> a per-item report. Rejected items
// never block accepted ones; a request whose every item is rejected answers 400 (413 when
// they were all too large) so a client that ignores bodies still notices.
export async function ingestBatch(
  pool: Pool,
  caller: ApiCaller,
  parse: () => ParsedBatch,
  emptyMessage: string,
): Promise<IngestReport> {
  const parsed = parse();
  if (parsed.total === 0) throw new AppError(400, emptyMessage);

  const stored = await storeEvents(pool, caller.systemId, parsed.items);
  const results: ItemOutcome[] = [...parsed.rejected];
  for (const item of parsed.items) {
    results.push({ index: item.index, id: item.event.eventId, status: stored.get(item.index) ?? "duplicate" });
  }
  results.sort((a, b) => a.index - b.index);

  const count = (s: ItemOutcome["status"]) => results.filter((r) => r.status === s).length;
  const summary = { accepted: count("accepted"), duplicates: count("duplicate"), rejected: count("rejected") };
  return { status: statusFor(summary, parsed.rejected), body: { ...summary, results } };
}

function statusFor(
  summary: { rejected: number; accepted: number; duplicates: number },
  rejected: ItemOutcome[],
): IngestReport["status"] {
  if (summary.accepted + summary.duplicates > 0) return 200;
  const allTooLarge = rejected.every(
    (r) => r.status === "rejected" && r.errors.every((e) => e.code === "payload_too_large"),
  );
  return allTooLarge ? 413 : 400;
}
