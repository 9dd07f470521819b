import type { DerivableEvent } from "@/lib/domain/derive-transaction";

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
