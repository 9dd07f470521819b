"use client";

import { useState, useTransition } from "react";
import { removeRedactionRuleAction } from "@/app/admin/redaction/actions";
import { dangerButtonClass } from "../form-styles";

export function RemoveRedactionRuleButton({ id, path }: { id: number; path: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function remove() {
    if (!window.confirm(`Stop masking ${path}?\n\nPayloads ingested from now on will store this field as sent.`)) return;
    startTransition(async () => {
      const result = await removeRedactionRuleAction({ id });
      setError(result.ok ? null : result.message);
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" onClick={remove} disabled={pending} className={dangerButtonClass} aria-label={`Remove ${path}`}>
        {pending ? "Removing…" : "Remove"}
      </button>
      {error ? (
        <p role="alert" className="max-w-48 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
