import { formatUtc, humanize } from "@/components/ui/format";
import { JsonTree } from "@/components/ui/json-tree";
import type { Waterfall } from "@/lib/domain/trace";
import { formatDuration } from "@/lib/format/duration";
import { ErrorText } from "./error-text";
import { layerBar, layerLabel } from "./layer-labels";

// The trace as a waterfall: one row per event in the order things happened, a bar on the
// trace's timeline coloured by layer, the failing hop marked with its error. `payloads` is
// passed only for roles that may see payloads (already redacted at ingest).
export function TraceWaterfall({ waterfall, payloads }: { waterfall: Waterfall; payloads?: Map<string, unknown> }) {
  const headers = [
    "Time (UTC)",
    "Layer",
    "Stage",
    "Attempt",
    "Duration",
    `Timeline (${formatDuration(waterfall.spanMs)})`,
    ...(payloads ? ["Payload"] : []),
  ];
  return (
    <section aria-labelledby="events-title" className="flex flex-col gap-2">
      <h2 id="events-title" className="text-base font-semibold">
        Events <span className="font-normal text-zinc-500">({waterfall.rows.length})</span>
      </h2>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className="w-full min-w-[940px] text-left text-sm">
          <caption className="sr-only">
            Events of this transaction in the order they happened, with their place on the timeline
          </caption>
          <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600">
            <tr>
              {headers.map((h) => (
                <th
                  key={h}
                  scope="col"
                  className={`px-3 py-2 font-medium ${h === "Attempt" || h === "Duration" ? "text-right" : ""}`}
                >
                  {h.startsWith("Timeline") ? <span>{h}</span> : h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {waterfall.rows.map(({ event: e, offsetPct, widthPct, failing, failingHop }) => (
              <tr
                key={e.id}
                data-stage={e.stage}
                data-failing={failing || undefined}
                data-failing-hop={failingHop || undefined}
                className={
                  failingHop
                    ? "bg-red-50 outline outline-2 -outline-offset-2 outline-red-300"
                    : failing
                      ? "bg-red-50/60"
                      : undefined
                }
              >
                <td className="whitespace-nowrap px-3 py-2 align-top font-mono text-xs">
                  <time dateTime={e.occurredAt}>{formatUtc(e.occurredAt, true).replace(" UTC", "")}</time>
                </td>
                <td className="whitespace-nowrap px-3 py-2 align-top text-xs">
                  {layerLabel(e.layer)}
                  <span className="block font-mono text-[11px] text-zinc-400">{e.layer}</span>
                </td>
                <td className="px-3 py-2 align-top">
                  <span className={failing ? "font-medium text-red-800" : ""}>{humanize(e.stage)}</span>
                  {failingHop ? (
                    <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-white">
                      failing hop
                    </span>
                  ) : null}
                  {e.error ? (
                    <p className="mt-1 max-w-md text-xs text-red-900">
                      <ErrorText error={e.error} />
                    </p>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-right align-top">{e.attempt ?? "—"}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right align-top">{formatDuration(e.durationMs)}</td>
                <td className="w-[28%] px-3 py-2 align-middle">
                  <div
                    className="relative h-3 rounded bg-zinc-100"
                    role="img"
                    aria-label={`${humanize(e.stage)} at ${layerLabel(e.layer)}, ${formatDuration(e.durationMs)}`}
                  >
                    <div
                      className={`absolute inset-y-0 rounded ${failing ? "bg-red-600" : layerBar(e.layer)}`}
                      style={{ left: `${offsetPct}%`, width: `${widthPct}%` }}
                    />
                  </div>
                </td>
                {payloads ? (
                  <td className="px-3 py-2 align-top">
                    {payloads.has(e.id) ? (
                      <details>
                        <summary className="cursor-pointer text-xs text-blue-700">Show</summary>
                        <div
                          data-testid="payload"
                          className="mt-2 max-h-80 max-w-[420px] overflow-auto rounded border border-zinc-200 bg-zinc-50 p-2"
                        >
                          <JsonTree value={payloads.get(e.id)} label={`Payload at ${layerLabel(e.layer)}`} />
                        </div>
                      </details>
                    ) : (
                      <span className="text-xs text-zinc-400">none</span>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
