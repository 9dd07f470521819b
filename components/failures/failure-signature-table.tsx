import Link from "next/link";
import { LAYER_COLORS } from "@/components/charts/chart-colors";
import { Sparkline } from "@/components/charts/sparkline";
import { MoneyList } from "@/components/dashboard/money-list";
import { layerLabel } from "@/components/trace/layer-labels";
import { DataTable } from "@/components/ui/data-table";
import { formatUtc } from "@/components/ui/format";
import type { ChartWindow } from "@/lib/charts/buckets";
import type { FailureSignaturesView } from "@/lib/queries/dashboard-views/load-failure-signatures";
import { failureTransactionsHref, signatureError } from "./failure-text";

type Signature = FailureSignaturesView["signatures"][number];

// One row per error signature, most affected transactions first, with its count over the
// window and the way to the transactions behind it.
export function FailureSignatureTable({
  signatures,
  window,
  valuesVisible,
}: {
  signatures: readonly Signature[];
  window: ChartWindow;
  valuesVisible: boolean;
}) {
  return (
    <DataTable
      caption="Error signatures, most affected transactions first"
      headers={["Error", "Where", "Transactions", "Value", "First / last seen", "Over time", ""]}
      minWidth="56rem"
    >
      {signatures.map((s) => {
        const error = signatureError(s.errorSignature, s.errorCode);
        return (
          <tr
            key={s.errorSignature}
            data-testid="failure-signature"
            data-layer={s.layer}
            className="align-top hover:bg-zinc-50"
          >
            <td className="max-w-md px-3 py-2">
              {error.code ? <p className="font-mono text-xs font-semibold text-zinc-900">{error.code}</p> : null}
              <p className="line-clamp-2 text-xs text-zinc-600" title={s.errorSignature}>
                {error.message || "no message"}
              </p>
            </td>
            <td className="px-3 py-2 text-xs">
              <p className="flex items-center gap-1.5 font-medium text-zinc-800">
                <span
                  aria-hidden="true"
                  className="inline-block h-2 w-2 rounded-sm"
                  style={{ background: LAYER_COLORS[s.layer] }}
                />
                {layerLabel(s.layer)}
              </p>
              <p className="text-zinc-500">{s.targetSystem ?? "—"}</p>
            </td>
            <td className="px-3 py-2 tabular-nums">
              <span className="font-semibold text-zinc-900">{s.transactions.toLocaleString("en-US")}</span>
              <span className="block text-xs text-zinc-500">{s.open.toLocaleString("en-US")} open</span>
            </td>
            <td className="px-3 py-2 text-xs">
              <MoneyList value={s.value} visible={valuesVisible} />
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-xs text-zinc-600">
              <time dateTime={s.firstSeen}>{formatUtc(s.firstSeen).slice(5, 16)}</time>
              <br />
              <time dateTime={s.lastSeen}>{formatUtc(s.lastSeen).slice(5, 16)}</time> UTC
            </td>
            <td className="w-36 px-3 py-2">
              <Sparkline
                rows={s.series.map((p) => ({ at: p.at, value: p.transactions }))}
                window={window}
                label={`${error.code ?? "failures"} per ${window.bucketMs >= 86_400_000 ? "day" : "hour"}`}
                height={32}
                color={LAYER_COLORS[s.layer]}
              />
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-right">
              <Link
                href={failureTransactionsHref(s.errorSignature)}
                className="text-sm font-medium text-blue-700 hover:underline"
              >
                Transactions<span className="sr-only"> with {error.code ?? "this error"}</span> →
              </Link>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
