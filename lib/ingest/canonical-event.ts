import type { DerivableEvent } from "@/lib/domain/derive-transaction";
import type { CloudEventTypes } from "./cloudevent-type";

// What every wire format (native JSON, CloudEvents, OTLP, broker messages) is turned into
// before it is stored.
export interface CanonicalEvent extends DerivableEvent {
  transactionExternalId: string;
  durationMs: number | null;
  spanId: string | null;
  parentSpanId: string | null;
  // refs as sent, including references beyond the indexed ones
  rawRefs: Record<string, string | number> | null;
  payload: unknown;
}

export type ItemOutcome =
  | { index: number; id?: string; status: "accepted" | "duplicate" }
  | { index: number; id?: string; status: "rejected"; errors: FieldError[] };

export interface FieldError {
  path: string;
  message: string;
  code?: "invalid" | "payload_too_large";
}

// What every wire format's parser hands to ingest: the items that passed, with their index in
// the request, and the ones refused with their reasons.
export interface ParsedItem {
  index: number;
  event: CanonicalEvent;
  payloadJson: string | null;
}

export interface ParsedBatch {
  items: ParsedItem[];
  rejected: ItemOutcome[];
  total: number;
}

export interface ParseLimits {
  maxEvents: number;
  maxPayloadBytes: number;
  // payload field paths masked before anything is stored (lib/domain/redact.ts)
  redactPaths?: readonly string[];
  // CloudEvents types mapped to workflows, and the workflows a type may name (cloudevent-type.ts)
  cloudEventTypes?: CloudEventTypes;
}
