import { outboundFetch } from "@/lib/net/outbound-guard";
import { messageOf, readBody, stringField } from "./http-body";

// "Does the target already hold this document?" - asked by the worker before each
// delivery and by the bulk estimate beforehand. One function for both, so the estimate
// can never count as already posted what delivery would send, or the other way round.
// 200: it exists; 404: it does not; any other answer is returned for the caller to judge.
// Network errors, timeouts and a refused address (lib/net/outbound-guard.ts) throw (the
// caller knows whether that is transient).

export interface RecordCheckRequest {
  recordCheckUrl: string; // with {workflow} and {businessKey} placeholders
  workflow: string;
  businessKey: string;
  authHeader: string | null; // decrypted
  timeoutMs: number;
  signal?: AbortSignal; // an extra deadline, e.g. the estimate's overall budget
}

export type RecordCheck =
  | { kind: "exists"; documentId: string | null }
  | { kind: "absent" }
  | { kind: "other"; httpStatus: number; message: string };

function recordCheckUrlOf(r: Pick<RecordCheckRequest, "recordCheckUrl" | "workflow" | "businessKey">): string {
  return r.recordCheckUrl
    .replaceAll("{workflow}", encodeURIComponent(r.workflow))
    .replaceAll("{businessKey}", encodeURIComponent(r.businessKey));
}

export async function checkRecord(r: RecordCheckRequest): Promise<RecordCheck> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (r.authHeader) headers.authorization = r.authHeader;
  const timeout = AbortSignal.timeout(r.timeoutMs);
  const res = await outboundFetch(recordCheckUrlOf(r), {
    headers,
    signal: r.signal ? AbortSignal.any([timeout, r.signal]) : timeout,
  });
  const body = await readBody(res);
  if (res.status === 200) return { kind: "exists", documentId: stringField(body, "documentId") };
  if (res.status === 404) return { kind: "absent" };
  return { kind: "other", httpStatus: res.status, message: messageOf(body) };
}
