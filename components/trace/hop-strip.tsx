import type { HopSummary } from "@/lib/domain/trace";
import { formatDuration } from "@/lib/format/duration";
import { ErrorText } from "./error-text";
import { LAYER_LABELS } from "./layer-labels";

const STATE_STYLE: Record<HopSummary["state"], string> = {
  ok: "border-zinc-200 bg-white",
  failed: "border-red-400 bg-red-50 ring-2 ring-red-300",
  not_reached: "border-dashed border-zinc-300 bg-zinc-50 text-zinc-500",
};

// The route a message takes, one box per layer: where time went, and where it broke.
export function HopStrip({ hops }: { hops: HopSummary[] }) {
  return (
    <section aria-labelledby="hops-title" className="flex flex-col gap-2">
      <h2 id="hops-title" className="text-base font-semibold">
        Route
      </h2>
      <ol className="grid grid-cols-2 gap-2 lg:grid-cols-4">
        {hops.map((h, i) => (
          <li
            key={h.layer}
            data-layer={h.layer}
            data-hop-state={h.state}
            className={`relative rounded-lg border p-3 text-sm ${STATE_STYLE[h.state]}`}
          >
            <p className="font-medium">
              {LAYER_LABELS[h.layer]}
              {h.system ? <span className="font-normal text-zinc-500"> · {h.system}</span> : null}
            </p>
            <p className="mt-1 text-xs text-zinc-600">
              {h.state === "not_reached"
                ? "not reached"
                : `${h.eventCount} event${h.eventCount === 1 ? "" : "s"} · ${formatDuration(h.durationMs)}`}
            </p>
            {h.state === "failed" ? (
              <p className="mt-2 text-red-900" data-testid="failing-hop-error">
                <span className="mr-1 rounded bg-red-600 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-white">
                  failing hop
                </span>
                {h.error ? <ErrorText error={h.error} /> : "failed without an error message"}
              </p>
            ) : null}
            {i < hops.length - 1 ? (
              <span
                aria-hidden="true"
                className="absolute -right-2 top-1/2 z-10 hidden -translate-y-1/2 text-zinc-400 lg:block"
              >
                →
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
