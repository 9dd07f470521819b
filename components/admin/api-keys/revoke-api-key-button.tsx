"use client";

import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/admin/api-keys/actions";
import { dangerButtonClass } from "../form-styles";

export function RevokeApiKeyButton({ id, prefix, system }: { id: number; prefix: string; system: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function revoke() {
    if (!window.confirm(`Revoke key ${prefix} of ${system}?\n\nEvery request with it is refused (401) from now on. This cannot be undone.`)) return;
    startTransition(async () => {
      const result = await revokeApiKeyAction({ id });
      setError(result.ok ? null : result.message);
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" onClick={revoke} disabled={pending} className={dangerButtonClass} aria-label={`Revoke key ${prefix}`}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {error ? (
        <p role="alert" className="max-w-48 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
