import type { TraceEvent } from "@/lib/domain/trace";

// An event's error as one line: code, message, and whether the sender would retry it.
export function ErrorText({ error }: { error: NonNullable<TraceEvent["error"]> }) {
  return (
    <>
      {error.code ? <span className="font-mono text-xs font-semibold">{error.code}</span> : null}
      {error.code && error.message ? " " : null}
      {error.message ? <span className="break-words">{error.message}</span> : null}
      {error.retryable !== null ? (
        <span className="ml-1 text-xs text-zinc-500">({error.retryable ? "retryable" : "not retryable"})</span>
      ) : null}
    </>
  );
}
