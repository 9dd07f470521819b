"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { cancelBulkReplayAction } from "@/app/replays/bulk-actions";
import { dangerButtonClass } from "@/components/admin/form-styles";
import { DataTable } from "@/components/ui/data-table";
import { humanize } from "@/components/ui/format";
import type { BulkReplayProgress as Progress } from "@/lib/queries/get-bulk-replay";
import { callAction, messageOf } from "./call-action";
import { usePoll } from "./use-poll";

// A bulk replay's page body: progress bar, counts per outcome, per-item results and a
// cancel button; refreshes itself about once a second until the bulk is done or cancelled.
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type BulkProgressJson = Json<Progress>;

const OPEN = ["pending", "queued", "delivering"];

export function BulkReplayProgress({ initial }: { initial: BulkProgressJson }) {
  const { data, error } = usePoll<BulkProgressJson>(
    initial.status === "running" ? `/api/bulk-replays/${initial.id}` : null,
    (p) => p.status !== "running",
  );
  const bulk = data ?? initial;
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const open = OPEN.reduce((n, s) => n + (bulk.counts[s] ?? 0), 0);
  const finished = bulk.total - open;
  const percent = bulk.total ? Math.round((finished / bulk.total) * 100) : 100;

  function cancel() {
    if (
      !window.confirm("Cancel this bulk replay? Items not yet sent are not sent; ones already sent keep their outcome.")
    )
      return;
    startTransition(async () => {
      const result = await callAction(cancelBulkReplayAction({ bulkId: bulk.id }));
      setCancelError(result.ok ? null : messageOf(result));
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <section className="flex flex-col gap-2 rounded-lg border border-zinc-200 bg-white p-4">
        <div className="flex items-center justify-between gap-4 text-sm">
          <span>
            {finished.toLocaleString("en-US")} of {bulk.total.toLocaleString("en-US")} done · {humanize(bulk.status)}
          </span>
          {bulk.status === "running" ? (
            <button type="button" onClick={cancel} disabled={pending} className={dangerButtonClass}>
              {pending ? "Cancelling…" : "Cancel bulk replay"}
            </button>
          ) : null}
        </div>
        <div
          className="h-2 w-full overflow-hidden rounded bg-zinc-100"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label="Bulk replay progress"
        >
          <div className="h-full bg-blue-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p className="text-xs text-zinc-600">
          {Object.entries(bulk.counts)
            .map(([status, n]) => `${humanize(status)} ${n.toLocaleString("en-US")}`)
            .join(" · ")}
        </p>
        <p className="text-xs text-zinc-500">
          Requested by {bulk.requestedBy}: {bulk.reason}
        </p>
        {cancelError || error ? (
          <p role="alert" className="text-sm text-red-700">
            {cancelError ?? error}
          </p>
        ) : null}
      </section>
      <DataTable
        caption="Per-item results, refused and undeliverable first"
        headers={["Transaction", "Result", "Attempts", "Message"]}
        minWidth="700px"
      >
        {bulk.items.map((item) => (
          <tr key={item.replayId}>
            <td className="px-3 py-2 font-mono text-xs">
              <Link href={`/transactions/${item.transactionId}`} className="text-blue-700 hover:underline">
                {item.externalId}
              </Link>
            </td>
            <td className="px-3 py-2">{humanize(item.status)}</td>
            <td className="px-3 py-2 tabular-nums">{item.attempts}</td>
            <td className="px-3 py-2 text-xs text-zinc-600">{item.message ?? ""}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
