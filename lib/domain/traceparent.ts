// W3C Trace Context `traceparent`: "<version>-<32 hex trace id>-<16 hex parent id>-<2 hex flags>".
// Version 00 has exactly those four fields; a later version may append more, which we
// ignore as the spec asks. The parent id is the caller's span, so an event it describes
// is that span's child: it becomes the event's parentSpanId.

export interface TraceParent {
  traceId: string;
  parentSpanId: string;
}

export type TraceParentResult = { ok: true; value: TraceParent } | { ok: false; message: string };

const SHAPE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
export const TRACEPARENT_FORMAT = "00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>";

export function parseTraceparent(value: string): TraceParentResult {
  const m = value.trim().match(SHAPE);
  const fail = (why: string): TraceParentResult => ({
    ok: false,
    message: `${why}; expected ${TRACEPARENT_FORMAT} (lowercase hex)`,
  });
  if (!m) return fail("is not a W3C traceparent");
  const [, version, traceId, parentSpanId, , rest] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (version === "ff") return fail("has the invalid version ff");
  if (version === "00" && rest !== undefined)
    return fail("has fields after the flags, which version 00 does not allow");
  if (/^0+$/.test(traceId)) return fail("has an all-zero trace id");
  if (/^0+$/.test(parentSpanId)) return fail("has an all-zero parent id");
  return { ok: true, value: { traceId, parentSpanId } };
}
