import Link from "next/link";
import { MoneyList } from "@/components/dashboard/money-list";
import { layerLabel } from "@/components/trace/layer-labels";
import { formatUtc } from "@/components/ui/format";
import { formatCount } from "@/lib/format/figures";
import { errorSignatureHref } from "@/lib/queries/dashboard-views/error-signature-href";
import type { ErrorSignatureView } from "@/lib/queries/dashboard-views/load-workflow-detail";

// The errors behind a workflow's failures; each opens the transaction list filtered to it.
export function ErrorSignatureTable({
  workflow,
  signatures,
}: {
  workflow: string;
  signatures: readonly ErrorSignatureView[];
}) {
  const showValues = signatures.every((s) => s.value !== null);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[720px] text-left text-sm">
        <caption className="sr-only">Top error signatures of {workflow}</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Error
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Where
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Transactions
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Open
            </th>
            {showValues ? (
              <th scope="col" className="py-2 pr-3 font-medium">
                Value
              </th>
            ) : null}
            <th scope="col" className="py-2 font-medium">
              Last seen
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {signatures.map((s) => (
            <tr key={s.errorSignature} className="align-top">
              <td className="max-w-md py-2 pr-3">
                <Link
                  href={errorSignatureHref(workflow, s.errorSignature)}
                  className="font-medium text-blue-700 hover:underline"
                >
                  {s.errorCode ?? "error"}
                </Link>
                <p className="mt-0.5 line-clamp-2 break-words text-xs text-zinc-600" title={s.errorSignature}>
                  {signatureText(s.errorSignature)}
                </p>
              </td>
              <td className="py-2 pr-3 text-xs text-zinc-700">
                {layerLabel(s.layer)}
                {s.targetSystem ? <span className="block text-zinc-500">{s.targetSystem}</span> : null}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{formatCount(s.transactions)}</td>
              <td className={`py-2 pr-3 text-right tabular-nums ${s.open > 0 ? "font-semibold text-red-700" : ""}`}>
                {formatCount(s.open)}
              </td>
              {showValues ? (
                <td className="py-2 pr-3 text-xs">
                  <MoneyList value={s.value} empty="—" />
                </td>
              ) : null}
              <td className="py-2 text-xs whitespace-nowrap text-zinc-600">{formatUtc(s.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// "target_api|erp-cloud|CUSTOMER_MASTER_INVALID Customer <id> failed" -> the message part.
function signatureText(signature: string): string {
  return signature.split("|").slice(2).join("|");
}
