import { messages, type OtlpEncoding, type OtlpSignal, PROTOBUF_TYPE } from "./decode";

// OTLP/HTTP answers, in the encoding of the request (the spec: a protobuf request gets a
// protobuf response). Success is Export{Trace,Logs}ServiceResponse, with partialSuccess
// only when something was rejected; failures carry a google.rpc.Status.

// google.rpc.Code for each HTTP status we answer with.
const RPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 413: 8, 415: 3, 429: 8, 500: 13, 503: 14 };

export function exportResponse(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  rejected: number,
  errorMessage: string,
): Response {
  const counter = signal === "traces" ? "rejectedSpans" : "rejectedLogRecords";
  const body = rejected > 0 ? { partialSuccess: { [counter]: rejected, errorMessage } } : {};
  if (encoding === "json") {
    // int64 as a decimal string, as the protobuf JSON mapping writes it
    const json = rejected > 0 ? { partialSuccess: { [counter]: String(rejected), errorMessage } } : {};
    return respond(encoding, 200, JSON.stringify(json));
  }
  const type = signal === "traces" ? messages.tracesResponse : messages.logsResponse;
  return respond(encoding, 200, type.encode(type.fromObject(body)).finish());
}

export function statusResponse(
  encoding: OtlpEncoding,
  httpStatus: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const status = { code: RPC_CODE[httpStatus] ?? 2, message };
  const body =
    encoding === "json" ? JSON.stringify(status) : messages.status.encode(messages.status.fromObject(status)).finish();
  return respond(encoding, httpStatus, body, headers);
}

function respond(
  encoding: OtlpEncoding,
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Response {
  return new Response(typeof body === "string" ? body : Buffer.from(body), {
    status,
    headers: {
      "content-type": encoding === "json" ? "application/json; charset=utf-8" : PROTOBUF_TYPE,
      "cache-control": "no-store",
      ...headers,
    },
  });
}
