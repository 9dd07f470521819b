// CloudEvents AMQP protocol binding, binary content mode: every attribute except
// datacontenttype travels as an application property (in AMQP 0-9-1, a message header)
// named `cloudEvents_<attribute>`; older senders use `cloudEvents:<attribute>`, and the
// binding asks receivers to understand both. datacontenttype is the message's content_type.
// Values are native AMQP types or the attribute's canonical string form.

const PREFIX = /^cloudevents[_:]/i;

export function hasCloudEventsHeaders(headers: Record<string, unknown>): boolean {
  return Object.keys(headers).some((name) => PREFIX.test(name));
}

export interface BinaryAttributes {
  attributes: Record<string, unknown>;
  // attribute -> the header (or property) that carried it, for error paths
  nameOf: (attribute: string) => string;
}

export function binaryAttributes(
  headers: Record<string, unknown>,
  contentType: string | undefined,
  data: unknown,
): BinaryAttributes {
  const attributes: Record<string, unknown> = {};
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!PREFIX.test(name)) continue;
    const attribute = name.slice("cloudEvents_".length).toLowerCase();
    attributes[attribute] = canonicalValue(value);
    names.set(attribute, name);
  }
  // The structured parser would read these as envelope fields; in binary mode they are not.
  delete attributes.data;
  delete attributes.data_base64;
  attributes.datacontenttype = contentType;
  attributes.data = data;
  return {
    attributes,
    nameOf: (attribute) => {
      if (attribute === "datacontenttype") return "content_type";
      return names.get(attribute) ?? `cloudEvents_${attribute}`;
    },
  };
}

// amqplib decodes an AMQP timestamp as {"!": "timestamp", value: <POSIX seconds>} and byte
// arrays as Buffers; the parser expects the canonical forms (RFC 3339 text, base64).
function canonicalValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (value !== null && typeof value === "object" && (value as { "!"?: unknown })["!"] === "timestamp") {
    const seconds = Number((value as { value?: unknown }).value);
    return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : value;
  }
  return value;
}

// Error paths of the parser name envelope attributes ("id", "time", "data.layer"); in
// binary mode the sender wrote headers, so name those ("cloudEvents_id").
export function renamePath(path: string, nameOf: (attribute: string) => string): string {
  const dot = path.indexOf(".");
  const first = dot === -1 ? path : path.slice(0, dot);
  if (first === "data" || first.startsWith("(")) return path;
  return nameOf(first) + (dot === -1 ? "" : path.slice(dot));
}
