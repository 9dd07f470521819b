"use client";

import { useState } from "react";
import { can, type Role } from "@/lib/auth/permissions";
import { CloseDialog } from "./close-dialog";
import { ReplayDialog, type ReplayMode } from "./replay-dialog";

// The replay buttons of a transaction's trace header. Which ones show depends on the
// status and the role; the server checks both again on every action. A replaying
// transaction whose replay the target accepted (`awaitingConfirmation`) may be closed by
// hand or force-replayed: nothing of it is on its way any more.
const NEEDS_PERSON = ["failed", "dead_lettered"];
const FORCEABLE = ["succeeded", "resolved", "cancelled", "awaiting_confirmation"];
const CLOSABLE = ["failed", "dead_lettered", "retrying", "in_flight", "awaiting_confirmation"];

const buttonClass =
  "h-8 rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-50";

export function ReplayActions({
  transaction,
  actor,
}: {
  transaction: { id: string; status: string; awaitingConfirmation: boolean };
  actor: { role: Role };
}) {
  const [open, setOpen] = useState<ReplayMode | "resolved" | "cancelled" | null>(null);
  const status = transaction.awaitingConfirmation ? "awaiting_confirmation" : transaction.status;
  const buttons: [typeof open, string][] = [];
  if (NEEDS_PERSON.includes(status) && can(actor.role, "transactions:replay")) buttons.push(["replay", "Replay…"]);
  if (NEEDS_PERSON.includes(status) && can(actor.role, "transactions:edit_replay"))
    buttons.push(["edit", "Edit and replay…"]);
  if (FORCEABLE.includes(status) && can(actor.role, "transactions:force_replay"))
    buttons.push(["force", "Force replay…"]);
  if (CLOSABLE.includes(status) && can(actor.role, "transactions:resolve"))
    buttons.push(["resolved", "Resolve…"], ["cancelled", "Cancel…"]);
  // An open dialog stays while the page refreshes under it (the status moves to replaying).
  if (buttons.length === 0 && open === null) return null;

  return (
    <div className="flex flex-wrap gap-2">
      {buttons.map(([mode, label]) => (
        <button key={mode} type="button" onClick={() => setOpen(mode)} className={buttonClass}>
          {label}
        </button>
      ))}
      {open === "resolved" || open === "cancelled" ? (
        <CloseDialog transactionId={transaction.id} outcome={open} onClose={() => setOpen(null)} />
      ) : null}
      {open === "replay" || open === "force" || open === "edit" ? (
        <ReplayDialog transactionId={transaction.id} mode={open} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}
