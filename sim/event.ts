// What the simulator produces: events in the native ingest format (POST /api/v1/events,
// lib/ingest/native-event.ts), ready to JSON.stringify into a request body.
import type { z } from "zod";
import type { Layer, Stage } from "@/lib/domain/vocabulary";
import type { nativeEventSchema } from "@/lib/ingest/native-event";
import type { WorkflowName } from "./landscape";

// A type alias, not an interface: the ingest schema's refs accept extra keys (an index
// signature), which only an alias satisfies.
export type SimRefs = {
  orderId?: string;
  shipmentId?: string;
  loadId?: string;
  invoiceId?: string;
  sku?: string;
  customerId?: string;
  // kept by ingest as sent (refs accept other keys)
  purchaseOrderId?: string;
  returnId?: string;
  backorderId?: string;
  supplierId?: string;
};

export interface SimError {
  code: string;
  message: string;
  retryable: boolean;
}

export interface SimEvent {
  id: string;
  transactionId: string;
  workflow: WorkflowName;
  stage: Stage;
  layer: Layer;
  occurredAt: string; // ISO 8601, UTC
  durationMs: number; // time since the previous event of the transaction (the hop's time)
  source: string;
  target: string;
  site?: string;
  businessKey: string;
  refs: SimRefs;
  value?: { amount: string; currency: "USD" | "CAD" };
  quantity?: number;
  error?: SimError;
  attempt?: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  payload?: unknown;
}

// Compile-time proof that every SimEvent is a valid input of the ingest schema: if the
// wire format changes incompatibly, `tsc` fails here rather than the demo at run time.
type NativeEventInput = z.input<typeof nativeEventSchema>;
type Assignable<T extends NativeEventInput> = T;
export type SimEventIsNative = Assignable<SimEvent>;

// One transaction's events with their times as numbers, so generators can cut by time
// without parsing ISO strings back.
export interface SimTransaction {
  events: SimEvent[];
  times: number[];
}
