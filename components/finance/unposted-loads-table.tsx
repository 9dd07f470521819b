import Link from "next/link";
import { MoneyList } from "@/components/dashboard/money-list";
import { listHref } from "@/components/transactions/list-params";
import { DataTable } from "@/components/ui/data-table";
import { formatMinutes, formatUtc } from "@/components/ui/format";
import type { UnpostedLoadsView } from "@/lib/queries/dashboard-views/load-unposted-loads";
import { HELD_AT_SHORT } from "./held-at";

type Load = UnpostedLoadsView["loads"][number];

// Enough rows to act on; the CSV export has every one.
export const SHOWN_LOADS = 200;

const HELD_BADGE: Record<Load["heldAt"], string> = {
  shipment_not_delivered: "bg-red-50 text-red-800 ring-red-200",
  invoice_failed: "bg-amber-50 text-amber-900 ring-amber-200",
  awaiting_invoice: "bg-zinc-100 text-zinc-700 ring-zinc-200",
};

// Oldest shipment first: the load waiting longest for its invoice is the first to chase.
export function UnpostedLoadsTable({ loads }: { loads: readonly Load[] }) {
  const shown = loads.slice(0, SHOWN_LOADS);
  return (
    <div className="flex flex-col gap-2">
      <DataTable
        caption="Shipped loads without a posted invoice, oldest first"
        headers={["Load", "Site", "Held at", "Shipments", "Shipped", "Waiting", "Value", "Error"]}
        minWidth="56rem"
      >
        {shown.map((l) => (
          <tr key={`${l.loadId}|${l.site ?? ""}|${l.heldAt}`} data-testid="unposted-load" className="hover:bg-zinc-50">
            <td className="px-3 py-2 font-medium">
              <Link href={listHref({ loadId: l.loadId })} className="text-blue-700 hover:underline">
                {l.loadId}
              </Link>
            </td>
            <td className="px-3 py-2 text-zinc-700">{l.site ?? "—"}</td>
            <td className="px-3 py-2">
              <span
                className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${HELD_BADGE[l.heldAt]}`}
              >
                {HELD_AT_SHORT[l.heldAt]}
              </span>
            </td>
            <td className="px-3 py-2 tabular-nums">{l.shipments}</td>
            <td className="whitespace-nowrap px-3 py-2 text-zinc-700">{formatUtc(l.shippedAt).slice(0, 16)}</td>
            <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatMinutes(l.ageMinutes)}</td>
            <td className="px-3 py-2">
              <MoneyList value={l.value} />
            </td>
            <td className="px-3 py-2 font-mono text-xs text-zinc-700">{l.errorCode ?? "—"}</td>
          </tr>
        ))}
      </DataTable>
      {loads.length > shown.length ? (
        <p className="text-xs text-zinc-500">
          Showing the {SHOWN_LOADS} oldest of {loads.length.toLocaleString("en-US")} loads; the CSV export has all of
          them.
        </p>
      ) : null}
    </div>
  );
}
