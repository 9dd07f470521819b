"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelTransactionAction, resolveTransactionAction } from "@/app/replays/actions";
import { primaryButtonClass } from "@/components/admin/form-styles";
import { callAction, messageOf } from "./call-action";
import { Dialog } from "./dialog";

const TEXT = {
  resolved: {
    title: "Resolve by hand",
    help: "It was fixed outside Crossdock (e.g. keyed in the ERP). Nothing is sent.",
    button: "Resolve",
    placeholder: "e.g. invoice INV-9001 keyed in the ERP by finance",
  },
  cancelled: {
    title: "Cancel this transaction",
    help: "It must not be delivered at all. Nothing is sent.",
    button: "Cancel transaction",
    placeholder: "e.g. order withdrawn by the customer",
  },
} as const;

// Resolve or cancel with a required reason; the step goes on the trace and the audit log.
export function CloseDialog({
  transactionId,
  outcome,
  onClose,
}: {
  transactionId: string;
  outcome: "resolved" | "cancelled";
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const t = TEXT[outcome];

  function submit() {
    startTransition(async () => {
      const action = outcome === "resolved" ? resolveTransactionAction : cancelTransactionAction;
      const result = await callAction(action({ transactionId, reason }));
      if (!result.ok) return setError(messageOf(result));
      onClose();
      router.refresh();
    });
  }

  return (
    <Dialog open title={t.title} onClose={onClose}>
      <p className="text-sm text-zinc-600">{t.help}</p>
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
        Reason (required)
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={2000}
          required
          className="rounded-md border border-zinc-300 p-2 text-sm font-normal text-zinc-900"
          placeholder={t.placeholder}
        />
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onClose} className="h-9 rounded-md px-4 text-sm text-zinc-700 hover:bg-zinc-100">
          Back
        </button>
        <button
          type="button"
          onClick={submit}
          disabled={pending || reason.trim() === ""}
          className={primaryButtonClass}
        >
          {pending ? "Saving…" : t.button}
        </button>
      </div>
    </Dialog>
  );
}
