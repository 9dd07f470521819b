"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acknowledgeIssueAction, reopenIssueAction, resolveIssueAction } from "@/app/failures/issues/actions";
import { primaryButtonClass, selectClass } from "@/components/admin/form-styles";
import { callAction, messageOf } from "@/components/replay/call-action";
import type { ActionResult } from "@/lib/actions/action-result";
import type { IssueState } from "@/lib/domain/issue-state";

// Acknowledge (take it, or hand it to someone), resolve with a note, reopen. Which ones
// show follows the state; the server checks the permission, sites and state again.
export function IssueActions({
  issueId,
  state,
  ownerId,
  owners,
  me,
}: {
  issueId: number;
  state: IssueState;
  ownerId: number | null;
  owners: { id: number; name: string }[];
  me: number;
}) {
  const [owner, setOwner] = useState(String(ownerId ?? me));
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  function run(call: () => Promise<ActionResult<unknown>>) {
    setError(null);
    startTransition(async () => {
      const result = await callAction(call());
      if (result.ok) {
        setNote("");
        router.refresh();
      } else setError(messageOf(result));
    });
  }

  const resolved = state === "resolved";
  return (
    <div className="flex flex-col gap-3">
      {!resolved ? (
        <div className="flex flex-wrap items-end gap-2">
          {state !== "acknowledged" ? (
            <button
              type="button"
              disabled={pending}
              onClick={() => run(() => acknowledgeIssueAction({ issueId }))}
              className={primaryButtonClass}
            >
              Acknowledge and take ownership
            </button>
          ) : null}
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
            Owner
            <select value={owner} onChange={(e) => setOwner(e.target.value)} className={selectClass}>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => acknowledgeIssueAction({ issueId, ownerId: Number(owner) }))}
            className="h-9 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
          >
            Assign
          </button>
        </div>
      ) : null}
      <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
        {resolved ? "Note (optional)" : "Resolution note (required to resolve)"}
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={2000}
          className="rounded-md border border-zinc-300 p-2 text-sm font-normal text-zinc-900"
          placeholder={resolved ? "e.g. the fix did not hold" : "e.g. posting period reopened in the ERP"}
        />
      </label>
      <div className="flex gap-2">
        {resolved ? (
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => reopenIssueAction({ issueId, note }))}
            className={primaryButtonClass}
          >
            Reopen
          </button>
        ) : (
          <button
            type="button"
            disabled={pending || note.trim() === ""}
            onClick={() => run(() => resolveIssueAction({ issueId, note }))}
            className={primaryButtonClass}
          >
            Resolve
          </button>
        )}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
