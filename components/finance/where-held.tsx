import type { UnpostedLoadsView } from "@/lib/queries/dashboard-views/load-unposted-loads";
import { HELD_AT_LABELS, HELD_AT_ORDER } from "./held-at";

// Where the unposted loads are held: which team has to act (warehouse/integration when the
// shipment confirmation never reached the ERP, finance when the invoice posting failed).
export function WhereHeld({ data }: { data: UnpostedLoadsView }) {
  const total = HELD_AT_ORDER.reduce((n, h) => n + data.totals.byHeldAt[h], 0);
  return (
    <dl className="flex flex-col gap-2">
      {HELD_AT_ORDER.map((h) => {
        const n = data.totals.byHeldAt[h];
        return (
          <div key={h} className="flex flex-col gap-1">
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <dt className="text-zinc-700">{HELD_AT_LABELS[h]}</dt>
              <dd className="font-semibold tabular-nums text-zinc-950">{n.toLocaleString("en-US")}</dd>
            </div>
            <div aria-hidden="true" className="h-1.5 rounded bg-zinc-100">
              <div className="h-1.5 rounded bg-zinc-700" style={{ width: `${total === 0 ? 0 : (n / total) * 100}%` }} />
            </div>
          </div>
        );
      })}
    </dl>
  );
}
