import { ChangeIndicator } from "@/components/dashboard/change-indicator";
import { formatKpiBasis, formatKpiFigure } from "@/lib/format/figures";
import type { KpiView } from "@/lib/queries/dashboard-views/load-kpis";

// One row per KPI: what it is, where it stands, where it was, and what it means.
export function KpiTable({ kpis }: { kpis: readonly KpiView[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[760px] text-left text-sm">
        <caption className="sr-only">Key performance indicators</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              KPI
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Current
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Previous period
            </th>
            <th scope="col" className="py-2 font-medium">
              Trend
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {kpis.map((k) => (
            <tr key={k.id} data-kpi={k.id} className="align-top">
              <th scope="row" className="max-w-md py-3 pr-4 text-left font-normal">
                <span className="font-medium text-zinc-900">{k.name}</span>
                <p className="mt-0.5 text-xs text-zinc-600">{k.definition}</p>
              </th>
              <td className="py-3 pr-4">
                <span className="font-semibold tabular-nums text-zinc-900">{formatKpiFigure(k.current)}</span>
                <span className="block text-xs text-zinc-500">{formatKpiBasis(k.current)}</span>
              </td>
              <td className="py-3 pr-4 text-zinc-700">
                <span className="tabular-nums">{formatKpiFigure(k.previous)}</span>
                <span className="block text-xs text-zinc-500">{formatKpiBasis(k.previous)}</span>
              </td>
              <td className="py-3">
                <ChangeIndicator change={k.trend} better={k.better} previous={formatKpiFigure(k.previous)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
