"use client";

import { removeRedactionRuleAction } from "@/app/admin/redaction/actions";
import { ConfirmActionButton } from "../confirm-action-button";

export function RemoveRedactionRuleButton({ id, path }: { id: number; path: string }) {
  return (
    <ConfirmActionButton
      idle="Remove"
      busy="Removing…"
      label={`Remove ${path}`}
      question={`Stop masking ${path}?\n\nPayloads ingested from now on will store this field as sent.`}
      run={() => removeRedactionRuleAction({ id })}
    />
  );
}
