import { formatMinutes, formatMoney } from "@/components/ui/format";
import type { UnpostedLoadsView } from "@/lib/queries/dashboard-views/load-unposted-loads";

// The headline: what is shipped but not invoiced, per currency (never added across currencies).
export function ValueWaiting({ data }: { data: UnpostedLoadsView }) {
  const { totals } = data;
  return (
    <div className="flex flex-col gap-2">
      {totals.value.length === 0 ? (
        <p className="text-2xl font-semibold text-zinc-400">no value</p>
      ) : (
        <ul
          aria-label="Value waiting per currency"
          data-testid="value-waiting"
          className="flex flex-wrap gap-x-6 gap-y-1"
        >
          {totals.value.map((m) => (
            <li key={m.currency} className="text-2xl font-semibold tabular-nums text-zinc-950">
              {formatMoney(m.amount, m.currency)}
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm text-zinc-600">
        <span data-testid="unposted-load-count">{totals.loads.toLocaleString("en-US")}</span> load
        {totals.loads === 1 ? "" : "s"}, {totals.shipments.toLocaleString("en-US")} shipment
        {totals.shipments === 1 ? "" : "s"} without a posted invoice more than {formatMinutes(data.slaMinutes)} after
        shipping
      </p>
    </div>
  );
}
