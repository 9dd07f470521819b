import type { ReactNode } from "react";
import { formatMoney, formatNumber, formatUtc } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDuration } from "@/lib/format/duration";
import type { TransactionSummary } from "@/lib/queries/transaction-summary";
import { UnregisteredFlag } from "./unregistered-flag";

const REFERENCE_LABELS: [keyof TransactionSummary["refs"], string][] = [
  ["orderId", "Order"],
  ["shipmentId", "Shipment"],
  ["loadId", "Load"],
  ["invoiceId", "Invoice"],
  ["sku", "SKU"],
  ["customerId", "Customer"],
];

export function TransactionHeader({ t }: { t: TransactionSummary }) {
  const references = REFERENCE_LABELS.filter(([key]) => t.refs[key] !== null);
  return (
    <header className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold tracking-tight">
          <span className="text-zinc-500">{t.workflow}</span> <span>{t.businessKey ?? t.transactionId}</span>
        </h1>
        <StatusBadge status={t.status} />
        {t.workflowRegistered ? null : <UnregisteredFlag />}
      </div>
      <dl className="grid grid-cols-2 gap-x-8 gap-y-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm md:grid-cols-4">
        <Fact label="Site">{t.site ?? "—"}</Fact>
        <Fact label="Route">{t.source || t.target ? `${t.source ?? "?"} → ${t.target ?? "?"}` : "—"}</Fact>
        <Fact label="Transaction id" mono>
          {t.transactionId}
        </Fact>
        <Fact label="Sent by">{t.sender}</Fact>
        <Fact label="Attempts">{t.attempts}</Fact>
        <Fact label="Latency">{formatDuration(t.latencyMs)}</Fact>
        <Fact label="Value">{t.value ? formatMoney(t.value.amount, t.value.currency) : "—"}</Fact>
        <Fact label="Quantity">{t.quantity !== null ? formatNumber(t.quantity) : "—"}</Fact>
        <Fact label="First event">{formatUtc(t.firstEventAt)}</Fact>
        <Fact label="Last event">{formatUtc(t.lastEventAt)}</Fact>
        <Fact label="Current layer" mono>
          {t.layer}
        </Fact>
        <Fact label="Trace id" mono>
          {t.traceId ?? "—"}
        </Fact>
        <div className="col-span-2 md:col-span-4">
          <dt className="text-xs font-medium text-zinc-500">References</dt>
          <dd className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
            {references.length === 0
              ? "None sent"
              : references.map(([key, label]) => (
                  <span key={key}>
                    <span className="text-zinc-500">{label}</span>{" "}
                    <span className="font-mono text-xs">{t.refs[key]}</span>
                  </span>
                ))}
          </dd>
        </div>
      </dl>
    </header>
  );
}

function Fact({ label, mono = false, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className={`mt-0.5 break-words ${mono ? "font-mono text-xs" : ""}`}>{children}</dd>
    </div>
  );
}
