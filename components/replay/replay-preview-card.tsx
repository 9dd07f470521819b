import type { ReplayPreview } from "@/lib/queries/get-replay-preview";

// "What will be sent where", before anyone confirms a replay.
export function ReplayPreviewCard({ preview, edited }: { preview: ReplayPreview; edited: boolean }) {
  const row = (label: string, value: React.ReactNode) => (
    <div className="flex gap-3">
      <dt className="w-36 shrink-0 text-zinc-500">{label}</dt>
      <dd className="min-w-0 break-all">{value}</dd>
    </div>
  );
  return (
    <dl className="flex flex-col gap-1.5 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm">
      {row(
        "Target system",
        preview.target ? (
          <span className="font-mono">{preview.target.system}</span>
        ) : (
          <span className="text-red-700">No replay endpoint is configured</span>
        ),
      )}
      {row("Endpoint host", preview.target ? <span className="font-mono">{preview.target.host}</span> : "—")}
      {row("Idempotency key", <span className="font-mono text-xs">{preview.idempotencyKey}</span>)}
      {row(
        "Payload",
        edited ? (
          "Your edited payload (the original stays on the trace)"
        ) : preview.payload ? (
          <>
            {preview.payload.bytes.toLocaleString("en-US")} bytes
            {preview.payload.keys.length > 0 ? (
              <span className="text-zinc-500"> · {preview.payload.keys.join(", ")}</span>
            ) : null}
          </>
        ) : (
          "No stored payload: the middleware redelivers from its own copy"
        ),
      )}
    </dl>
  );
}
