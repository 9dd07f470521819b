import { z } from "zod";
import { withoutNul } from "@/lib/domain/plain-text";
import { LAYERS, STAGES } from "@/lib/domain/vocabulary";

// The native wire format of POST /api/v1/events (documented in public/openapi.yaml).
const text = (max: number) => withoutNul(z.string().trim().min(1).max(max));

const decimal = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal number")])
  .transform((v, ctx) => {
    const s = typeof v === "number" ? String(v) : v;
    if (!Number.isFinite(Number(s)) || Math.abs(Number(s)) >= 1e14) {
      ctx.addIssue({ code: "custom", message: "must be a finite number below 10^14" });
      return z.NEVER;
    }
    return s;
  });

export const refsSchema = z
  .object({
    orderId: text(200).optional(),
    shipmentId: text(200).optional(),
    loadId: text(200).optional(),
    invoiceId: text(200).optional(),
    sku: text(200).optional(),
    customerId: text(200).optional(),
  })
  // Other references (purchaseOrderId, returnId, ...) are kept on the event as sent.
  .catchall(z.union([withoutNul(z.string().max(200)), z.number()]));

export const nativeEventSchema = z.object({
  id: text(200),
  transactionId: text(200),
  workflow: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, "must be a workflow name such as shipment_confirmation"),
  stage: z.enum(STAGES),
  layer: z.enum(LAYERS),
  occurredAt: z.iso
    .datetime({ offset: true, message: "must be an ISO 8601 timestamp with a time zone" })
    .transform((s) => new Date(s)),
  durationMs: z.number().int().min(0).max(2_147_483_647).optional(),
  source: text(100).optional(),
  target: text(100).optional(),
  site: text(100).optional(),
  businessKey: text(200).optional(),
  refs: refsSchema.optional(),
  value: z
    .object({
      amount: decimal,
      currency: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
    })
    .optional(),
  quantity: decimal.optional(),
  error: z
    .object({
      code: text(100).optional(),
      message: withoutNul(z.string().max(4000)).optional(),
      retryable: z.boolean().optional(),
    })
    .optional(),
  attempt: z.number().int().min(1).max(10_000).optional(),
  traceId: text(64).optional(),
  spanId: text(64).optional(),
  parentSpanId: text(64).optional(),
  payload: z.unknown().optional(),
});

export type NativeEvent = z.infer<typeof nativeEventSchema>;
