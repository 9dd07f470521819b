// The words of docs/domain.md as types. Everything else refers to these.

export const LAYERS = ["source_api", "middleware", "broker", "target_api"] as const;
export type Layer = (typeof LAYERS)[number];

export const STAGES = [
  "received",
  "transformed",
  "published",
  "delivered",
  "acknowledged",
  "failed",
  "retry_scheduled",
  "dead_lettered",
  "replay_requested",
  "resolved",
  "cancelled",
] as const;
export type Stage = (typeof STAGES)[number];

export const STATUSES = [
  "in_flight",
  "retrying",
  "replaying",
  "failed",
  "dead_lettered",
  "succeeded",
  "resolved",
  "cancelled",
] as const;
export type Status = (typeof STATUSES)[number];

export const FINAL_STATUSES: readonly Status[] = ["succeeded", "resolved", "cancelled"];
export const NEEDS_PERSON_STATUSES: readonly Status[] = ["failed", "dead_lettered"];

export const REF_KEYS = ["orderId", "shipmentId", "loadId", "invoiceId", "sku", "customerId"] as const;
export type RefKey = (typeof REF_KEYS)[number];
