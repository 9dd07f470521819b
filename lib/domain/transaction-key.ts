import { createHash } from "node:crypto";

// A transaction is identified by the sender's id, unique per sender system. Its
// Crossdock id is a name-based UUID (RFC 9562 v5 layout) of that pair, so every
// ingest request computes the same id without asking the database first.
const NAMESPACE = "crossdock.transaction";

export function transactionUuid(senderSystemId: number, externalId: string): string {
  const h = createHash("sha1").update(`${NAMESPACE}\u0000${senderSystemId}\u0000${externalId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
