import type { Layer } from "@/lib/domain/vocabulary";
import { type Attributes, attributeText } from "./attributes";
import type { SpanKind } from "./otlp-request";

// The generic OpenTelemetry semantic conventions Crossdock understands, for producers
// that do not (yet) set crossdock.* attributes.

// A messaging span is a broker hop whatever its kind; otherwise the kind says where the
// step ran: a server receives from the source, a client calls the target.
export function layerOfSpan(kind: SpanKind, attrs: Attributes): Layer {
  if (attrs.has("messaging.system") || attrs.has("messaging.destination.name")) return "broker";
  switch (kind) {
    case "producer":
    case "consumer":
      return "broker";
    case "server":
      return "source_api";
    case "client":
      return "target_api";
    default:
      return "middleware";
  }
}

export function layerOfLogRecord(attrs: Attributes): Layer {
  return attrs.has("messaging.system") || attrs.has("messaging.destination.name") ? "broker" : "middleware";
}

// `service.name` names the sender's system, except the SDKs' placeholder
// "unknown_service[:process]" for a service that never set it.
export function serviceName(attrs: Attributes): string | undefined {
  const name = attributeText(attrs.get("service.name"));
  return name === undefined || name.startsWith("unknown_service") ? undefined : name;
}

// Only outgoing calls name a peer; a server span's server.address is its own.
export function peerOf(kind: SpanKind | null, attrs: Attributes): string | undefined {
  if (kind !== "client" && kind !== "producer") return undefined;
  return attributeText(attrs.get("peer.service")) ?? attributeText(attrs.get("server.address"));
}

export function httpStatusOf(attrs: Attributes): number | undefined {
  const raw = attrs.get("http.response.status_code") ?? attrs.get("http.status_code");
  const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

// exception.type / exception.message, from the attributes or the first `exception` span
// event (where the SDKs' recordException puts them).
export function exceptionOf(
  attrs: Attributes,
  events: readonly { name: string; attributes: Attributes }[] = [],
): { type?: string; message?: string } {
  const event = events.find((e) => e.name === "exception");
  const pick = (name: string) =>
    attributeText(attrs.get(name)) ?? (event ? attributeText(event.attributes.get(name)) : undefined);
  return { type: pick("exception.type"), message: pick("exception.message") };
}
