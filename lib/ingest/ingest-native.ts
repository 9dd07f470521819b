import type { Pool } from "pg";
import type { ApiCaller } from "@/lib/auth/api-keys";
import type { TraceParent } from "@/lib/domain/traceparent";
import type { ParseLimits } from "./canonical-event";
import { type IngestReport, ingestBatch } from "./ingest-batch";
import { parseNativeBody } from "./parse-native";

// Native JSON body -> stored events -> a per-item report.
export async function ingestNative(
  pool: Pool,
  caller: ApiCaller,
  body: unknown,
  limits: ParseLimits,
  trace?: TraceParent,
): Promise<IngestReport> {
  return ingestBatch(
    pool,
    caller,
    () => parseNativeBody(body, limits, trace),
    '"events" is empty; send at least one event.',
  );
}
