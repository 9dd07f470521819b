import { AppError } from "@/lib/errors";
import type { FieldError, ItemOutcome, ParsedBatch, ParseLimits } from "../canonical-event";
import { parseEventItem } from "../parse-native";
import { attributeOf } from "./crossdock-attributes";
import { decodeLogRecords, decodeSpans, type OtlpEncoding } from "./decode";
import { mapLogRecord } from "./map-log-record";
import { mapSpan } from "./map-span";
import type { MappedItem } from "./mapped-item";

// OTLP export request -> the same parsed items as the native format. Each span or log
// record is mapped to a native-shaped event and validated by the native schema, so the
// rules (required fields, redaction, payload limits) are the same for every format.

export interface OtlpBatch {
  batch: ParsedBatch;
  // per item index: how rejections name the span or log record
  labels: string[];
}

export function parseOtlpTraces(encoding: OtlpEncoding, body: Buffer, limits: ParseLimits): OtlpBatch {
  return parseMapped(decodeSpans(encoding, body).map(mapSpan), "spans", limits);
}

export function parseOtlpLogs(encoding: OtlpEncoding, body: Buffer, limits: ParseLimits): OtlpBatch {
  return parseMapped(decodeLogRecords(encoding, body).map(mapLogRecord), "log records", limits);
}

export function parseMapped(mapped: MappedItem[], noun: string, limits: ParseLimits): OtlpBatch {
  if (mapped.length > limits.maxEvents) {
    throw new AppError(
      413,
      `The export has ${mapped.length} ${noun}; the limit is ${limits.maxEvents} per request (lower the exporter's batch size).`,
    );
  }
  const batch: ParsedBatch = { items: [], rejected: [], total: mapped.length };
  mapped.forEach((m, index) => {
    const id = typeof m.native.id === "string" ? m.native.id : undefined;
    const pathOf = (path: readonly PropertyKey[]) => attributeOf(path, m.origin);
    const result = parseEventItem(m.native, { index, id, limits, pathOf });
    if (m.problems.length === 0) {
      if ("item" in result) batch.items.push(result.item);
      else batch.rejected.push(result.rejected);
      return;
    }
    // The mapping's own findings first; the schema's view of the same field adds nothing.
    const seen = new Set(m.problems.map((p) => p.path));
    const more =
      "rejected" in result && result.rejected.status === "rejected"
        ? result.rejected.errors.filter((e) => !seen.has(e.path))
        : [];
    batch.rejected.push({ index, id, status: "rejected", errors: [...m.problems, ...more] });
  });
  return { batch, labels: mapped.map((m) => m.label) };
}

// partialSuccess.errorMessage: which items were rejected and why, the first few in full.
export function describeRejections(rejected: ItemOutcome[], labels: string[], noun: string, limit = 10): string {
  const lines = rejected.slice(0, limit).map((r) => {
    const errors: FieldError[] = r.status === "rejected" ? r.errors : [];
    return `${labels[r.index] ?? `item ${r.index}`}: ${errors.map((e) => `${e.path} ${e.message}`).join(", ")}`;
  });
  const more = rejected.length > limit ? `; and ${rejected.length - limit} more` : "";
  const counted = rejected.length === 1 ? noun.replace(/s$/, "") : noun;
  return `${rejected.length} ${counted} rejected: ${lines.join("; ")}${more}`;
}
