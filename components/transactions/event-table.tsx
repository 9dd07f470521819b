import type { TransactionEvent } from "@/lib/queries/get-transaction";
import { formatDuration, formatUtc, humanize } from "@/components/ui/format";

const HEADERS = ["Time (UTC)", "Layer", "Stage", "Duration", "Attempt", "Error"];
const FAILING_STAGES = new Set(["failed", "dead_lettered"]);

// The trace: every step in the order it happened, so the hop where it broke stands out.
// `payloads` is passed only for roles that may see payloads (already redacted at ingest).
export function EventTable({ events, payloads }: { events: TransactionEvent[]; payloads?: Map<string, unknown> }) {
  return (
    <section aria-labelledby="events-title" className="flex flex-col gap-2">
      <h2 id="events-title" className="text-base font-semibold">
        Events <span className="font-normal text-zinc-500">({events.length})</span>
      </h2>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className="w-full min-w-[900px] text-left text-sm">
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600">
            <tr>
              {(payloads ? [...HEADERS, "Payload"] : HEADERS).map((h) => (
                <th key={h} scope="col" className={`px-3 py-2 font-medium ${h === "Duration" || h === "Attempt" ? "text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {events.map((e) => (
              <EventRow key={e.id} e={e} payloads={payloads} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function EventRow({ e, payloads }: { e: TransactionEvent; payloads?: Map<string, unknown> }) {
  const failing = FAILING_STAGES.has(e.stage) || e.error !== null;
  return (
    <tr data-stage={e.stage} data-failing={failing || undefined} className={failing ? "bg-red-50" : undefined}>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
        <time dateTime={e.occurredAt}>{formatUtc(e.occurredAt, true).replace(" UTC", "")}</time>
      </td>
      <td className="px-3 py-2 font-mono text-xs">{e.layer}</td>
      <td className={`px-3 py-2 ${failing ? "font-medium text-red-800" : ""}`}>{humanize(e.stage)}</td>
      <td className="whitespace-nowrap px-3 py-2 text-right">{formatDuration(e.durationMs)}</td>
      <td className="px-3 py-2 text-right">{e.attempt ?? "—"}</td>
      <td className="px-3 py-2 text-red-900">
        {e.error ? (
          <>
            {e.error.code ? <span className="font-mono text-xs font-semibold">{e.error.code}</span> : null}
            {e.error.code && e.error.message ? " " : null}
            {e.error.message ? <span className="break-words">{e.error.message}</span> : null}
            {e.error.retryable !== null ? <span className="ml-1 text-xs text-zinc-500">({e.error.retryable ? "retryable" : "not retryable"})</span> : null}
          </>
        ) : null}
      </td>
      {payloads ? (
        <td className="px-3 py-2 align-top">
          {payloads.has(e.id) ? (
            <details>
              <summary className="cursor-pointer text-xs text-blue-700">Show</summary>
              <pre className="mt-2 max-h-80 max-w-[480px] overflow-auto rounded bg-zinc-900 p-3 text-xs text-zinc-100">{JSON.stringify(payloads.get(e.id), null, 2)}</pre>
            </details>
          ) : (
            <span className="text-xs text-zinc-400">none</span>
          )}
        </td>
      ) : null}
    </tr>
  );
}
