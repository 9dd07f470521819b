"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  type BulkReplayActionInput,
  estimateBulkReplayAction,
  requestBulkReplayAction,
} from "@/app/replays/bulk-actions";
import { primaryButtonClass } from "@/components/admin/form-styles";
import { describeBulkEstimate } from "@/lib/domain/describe-bulk-estimate";
import type { BulkEstimate } from "@/lib/services/replay/bulk-replay";
import { callAction, messageOf } from "./call-action";
import { Dialog } from "./dialog";

export type BulkReplayFilters = BulkReplayActionInput["filter"];

// "Replay all matching": the transaction list's current filters -> estimate -> confirm with
// a reason -> the bulk replay's own page, where progress and per-item results show.
export function BulkReplayButton({
  filters,
  canForce = false,
  label = "Replay all matching…",
}: {
  filters: BulkReplayFilters;
  canForce?: boolean;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const [force, setForce] = useState(false);
  const [estimate, setEstimate] = useState<BulkEstimate | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  function load(withForce: boolean) {
    setEstimate(null);
    setError(null);
    startTransition(async () => {
      const result = await callAction(estimateBulkReplayAction({ filter: filters, force: withForce }));
      if (result.ok) setEstimate(result.data);
      else setError(messageOf(result));
    });
  }

  function confirm() {
    startTransition(async () => {
      const result = await callAction(requestBulkReplayAction({ filter: filters, reason, force }));
      if (result.ok) router.push(`/replays/${result.data.bulkId}`);
      else setError(messageOf(result));
    });
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpen(true);
          load(force);
        }}
        className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
      >
        {label}
      </button>
      {open ? (
        <Dialog open title="Replay all matching transactions" onClose={() => setOpen(false)}>
          {estimate ? (
            <p className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm" data-testid="bulk-estimate">
              {describeBulkEstimate(estimate)}
            </p>
          ) : !error ? (
            <p className="text-sm text-zinc-600">
              Counting what the filters select and asking the target what it already holds…
            </p>
          ) : null}
          {canForce ? (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={force}
                onChange={(e) => {
                  setForce(e.target.checked);
                  load(e.target.checked);
                }}
              />
              Force: also replay what already succeeded or was resolved
            </label>
          ) : null}
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
            Reason (required)
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              maxLength={2000}
              className="rounded-md border border-zinc-300 p-2 text-sm font-normal text-zinc-900"
              placeholder="e.g. customer master corrected at 09:40"
            />
          </label>
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => setOpen(false)}
              className="h-9 rounded-md px-4 text-sm text-zinc-700 hover:bg-zinc-100"
            >
              Close
            </button>
            <button
              type="button"
              onClick={confirm}
              disabled={pending || !estimate || estimate.toReplay === 0 || reason.trim() === ""}
              className={primaryButtonClass}
            >
              {pending ? "Working…" : `Replay ${estimate ? estimate.toReplay.toLocaleString("en-US") : ""}`}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
