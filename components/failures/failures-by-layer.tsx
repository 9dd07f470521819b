import { LAYER_COLORS } from "@/components/charts/chart-colors";
import { layerLabel } from "@/components/trace/layer-labels";
import type { FailureSignaturesView } from "@/lib/queries/dashboard-views/load-failure-signatures";

type Group = FailureSignaturesView["byLayerAndTarget"][number];

// Where failures happen, at a glance: WMS API, middleware transformation, broker or ERP endpoint.
export function FailuresByLayer({ groups }: { groups: readonly Group[] }) {
  const max = Math.max(1, ...groups.map((g) => g.transactions));
  return (
    <ul className="flex flex-col gap-2" aria-label="Failed transactions by layer and target">
      {groups.map((g) => (
        <li key={`${g.layer}|${g.targetSystem ?? ""}`} className="flex flex-col gap-1">
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="text-zinc-800">
              {layerLabel(g.layer)}
              <span className="text-zinc-500">{g.targetSystem ? ` · ${g.targetSystem}` : ""}</span>
            </span>
            <span className="whitespace-nowrap tabular-nums">
              <span className="font-semibold text-zinc-950">{g.transactions.toLocaleString("en-US")}</span>
              <span className="text-xs text-zinc-500">
                {" "}
                in {g.signatures} signature{g.signatures === 1 ? "" : "s"}
              </span>
            </span>
          </div>
          <div aria-hidden="true" className="h-1.5 rounded bg-zinc-100">
            <div
              className="h-1.5 rounded"
              style={{ width: `${(g.transactions / max) * 100}%`, background: LAYER_COLORS[g.layer] }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
