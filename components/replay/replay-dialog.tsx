"use client";

import { useEffect, useState, useTransition } from "react";
import { previewReplayAction, type ReplayActionInput, replayTransactionAction } from "@/app/replays/actions";
import { primaryButtonClass } from "@/components/admin/form-styles";
import { parseJsonEdit } from "@/lib/domain/parse-json-edit";
import type { ReplayPreview } from "@/lib/queries/get-replay-preview";
import { callAction, messageOf } from "./call-action";
import { Dialog } from "./dialog";
import { PayloadEditor } from "./payload-editor";
import { ReplayPreviewCard } from "./replay-preview-card";
import { ReplayProgress } from "./replay-progress";

export type ReplayMode = "replay" | "force" | "edit";

const TITLES: Record<ReplayMode, string> = {
  replay: "Replay this transaction",
  force: "Force a replay",
  edit: "Edit the payload and replay",
};

// Confirm -> send -> live progress, in one dialog. The preview is loaded when it opens,
// so what it shows is what the server will use.
export function ReplayDialog({
  transactionId,
  mode,
  onClose,
}: {
  transactionId: string;
  mode: ReplayMode;
  onClose: () => void;
}) {
  const [preview, setPreview] = useState<ReplayPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [text, setText] = useState("");
  const [replayId, setReplayId] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    void previewReplayAction({ transactionId }).then((r) => {
      if (!r.ok) return setError(r.message);
      setPreview(r.data);
      setText(JSON.stringify(r.data.original ?? {}, null, 2));
    });
  }, [transactionId]);

  const force = mode === "force";
  const edit = mode === "edit";
  const json = edit ? parseJsonEdit(text) : null;
  const blocked =
    !preview?.target ||
    (force ? !preview.forceable : preview.refusal !== null && !edit) ||
    (edit && preview.refusal !== null);
  const canSend = preview !== null && !blocked && (!force || reason.trim() !== "") && (json === null || json.ok);

  // The server validates the edited payload again (z.json); the editor only made sure it parses.
  function send() {
    startTransition(async () => {
      const result = await callAction(
        replayTransactionAction({
          transactionId,
          force,
          reason: reason.trim() || undefined,
          ...(json?.ok ? { editedPayload: json.value as ReplayActionInput["editedPayload"] } : {}),
        }),
      );
      if (result.ok) setReplayId(result.data.replayId);
      else setError(messageOf(result));
    });
  }

  return (
    <Dialog open title={TITLES[mode]} onClose={onClose}>
      {!preview && !error ? <p className="text-sm text-zinc-600">Loading what would be sent…</p> : null}
      {preview ? <ReplayPreviewCard preview={preview} edited={edit} /> : null}
      {preview && !replayId && preview.refusal && !force ? (
        <p className="text-sm text-amber-800">{preview.refusal}</p>
      ) : null}
      {replayId ? (
        <ReplayProgress replayId={replayId} />
      ) : preview ? (
        <>
          {edit ? <PayloadEditor text={text} onChange={setText} /> : null}
          <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600">
            Reason {force ? "(required)" : "(optional)"}
            <textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              maxLength={2000}
              className="rounded-md border border-zinc-300 p-2 text-sm font-normal text-zinc-900"
              placeholder={
                force ? "Why it must be sent again, e.g. ERP lost the posting" : "e.g. customer master corrected"
              }
            />
          </label>
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={onClose}
              className="h-9 rounded-md px-4 text-sm text-zinc-700 hover:bg-zinc-100"
            >
              Close
            </button>
            <button type="button" onClick={send} disabled={!canSend || pending} className={primaryButtonClass}>
              {pending ? "Sending…" : force ? "Force replay" : edit ? "Replay with this payload" : "Replay"}
            </button>
          </div>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
