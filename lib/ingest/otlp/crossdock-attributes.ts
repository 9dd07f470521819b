import { type Attributes, type AttributeValue, attributeText } from "./attributes";

// The `crossdock.*` attribute conventions shared by spans and log records (README,
// "OpenTelemetry (OTLP/HTTP)"): attribute -> the native event field it fills. Values are
// passed on as sent; the native schema validates them, and a rejection names the
// attribute through `attributeOf`.

export const ATTRIBUTE = {
  eventId: "crossdock.event_id",
  transactionId: "crossdock.transaction_id",
  workflow: "crossdock.workflow",
  stage: "crossdock.stage",
  layer: "crossdock.layer",
  businessKey: "crossdock.business_key",
  site: "crossdock.site",
  source: "crossdock.source_system",
  target: "crossdock.target_system",
  refPrefix: "crossdock.ref.",
  valueAmount: "crossdock.value.amount",
  valueCurrency: "crossdock.value.currency",
  quantity: "crossdock.quantity",
  errorCode: "crossdock.error.code",
  errorMessage: "crossdock.error.message",
  errorRetryable: "crossdock.error.retryable",
  attempt: "crossdock.attempt",
  durationMs: "crossdock.duration_ms",
} as const;

export interface CrossdockFields {
  eventId?: string;
  transactionId?: string;
  workflow?: string;
  stage?: string;
  layer?: string;
  businessKey?: string;
  site?: string;
  source?: string;
  target?: string;
  refs?: Record<string, string | number>;
  value?: { amount?: AttributeValue; currency?: AttributeValue };
  quantity?: AttributeValue;
  errorCode?: string;
  errorMessage?: string;
  errorRetryable?: AttributeValue;
  attempt?: AttributeValue;
  durationMs?: AttributeValue;
}

export function crossdockFields(attrs: Attributes): CrossdockFields {
  const text = (name: string) => attributeText(attrs.get(name));
  const fields: CrossdockFields = {
    eventId: text(ATTRIBUTE.eventId),
    transactionId: text(ATTRIBUTE.transactionId),
    workflow: text(ATTRIBUTE.workflow),
    stage: text(ATTRIBUTE.stage)?.toLowerCase(),
    layer: text(ATTRIBUTE.layer)?.toLowerCase(),
    businessKey: text(ATTRIBUTE.businessKey),
    site: text(ATTRIBUTE.site),
    source: text(ATTRIBUTE.source),
    target: text(ATTRIBUTE.target),
    errorCode: text(ATTRIBUTE.errorCode),
    errorMessage: text(ATTRIBUTE.errorMessage),
  };
  const refs: Record<string, string | number> = {};
  for (const [key, value] of attrs) {
    if (!key.startsWith(ATTRIBUTE.refPrefix) || (typeof value !== "string" && typeof value !== "number")) continue;
    refs[refName(key.slice(ATTRIBUTE.refPrefix.length))] = value;
  }
  if (Object.keys(refs).length > 0) fields.refs = refs;
  const amount = attrs.get(ATTRIBUTE.valueAmount);
  const currency = attrs.get(ATTRIBUTE.valueCurrency);
  if (amount !== undefined || currency !== undefined) fields.value = { amount, currency };
  for (const [field, name] of [
    ["quantity", ATTRIBUTE.quantity],
    ["attempt", ATTRIBUTE.attempt],
    ["durationMs", ATTRIBUTE.durationMs],
    ["errorRetryable", ATTRIBUTE.errorRetryable],
  ] as const) {
    const value = attrs.get(name);
    if (value !== undefined)
      fields[field] = field === "errorRetryable" ? booleanOf(value) : field === "quantity" ? value : numberOf(value);
  }
  return fields;
}

// snake_case reference names (the OpenTelemetry attribute style) -> the native refs' camelCase:
// crossdock.ref.load_id -> loadId, crossdock.ref.purchase_order_id -> purchaseOrderId.
export function refName(attributeSuffix: string): string {
  return attributeSuffix.replace(/[_.-]+([a-z0-9])/gi, (_, c: string) => c.toUpperCase());
}

function snakeCase(refKey: string): string {
  return refKey.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

// Where a native field came from, for rejection messages: the native path -> the
// attribute (or OTLP field) a sender has to fix.
export function attributeOf(path: readonly PropertyKey[], overrides: Record<string, string> = {}): string {
  const [first, second] = path.map(String);
  if (first === undefined) return "(span)";
  if (overrides[first]) return overrides[first];
  switch (first) {
    case "id":
      return ATTRIBUTE.eventId;
    case "refs":
      return second === undefined ? "crossdock.ref.*" : `${ATTRIBUTE.refPrefix}${snakeCase(second)}`;
    case "value":
      return second === "amount"
        ? ATTRIBUTE.valueAmount
        : second === "currency"
          ? ATTRIBUTE.valueCurrency
          : "crossdock.value.*";
    case "error":
      return second === "code"
        ? ATTRIBUTE.errorCode
        : second === "retryable"
          ? ATTRIBUTE.errorRetryable
          : ATTRIBUTE.errorMessage;
    default:
      return (ATTRIBUTE as Record<string, string>)[first] ?? first;
  }
}

function booleanOf(value: AttributeValue): AttributeValue {
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return value;
}

function numberOf(value: AttributeValue): AttributeValue {
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  return value;
}
