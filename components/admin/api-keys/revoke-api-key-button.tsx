"use client";

import { revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { ConfirmActionButton } from "../confirm-action-button";

export function RevokeApiKeyButton({ id, prefix, system }: { id: number; prefix: string; system: string }) {
  return (
    <ConfirmActionButton
      idle="Revoke"
      busy="Revoking…"
      label={`Revoke key ${prefix}`}
      question={`Revoke key ${prefix} of ${system}?\n\nEvery request with it is refused (401) from now on. This cannot be undone.`}
      run={() => revokeApiKeyAction({ id })}
    />
  );
}
