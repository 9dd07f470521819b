"use client";

import { useState, useTransition } from "react";
import { dangerButtonClass } from "@/components/admin/form-styles";
import type { ActionResult } from "@/lib/actions/action-result";

// Enable/disable and delete for a rule or channel row; the server action does the check.
export function RowActions({
  name,
  enabled,
  onToggle,
  onDelete,
}: {
  name: string;
  enabled: boolean;
  onToggle: (enabled: boolean) => Promise<ActionResult<unknown>>;
  onDelete: () => Promise<ActionResult<unknown>>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (call: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await call().catch(() => null);
      setError(result === null ? "The server could not be reached." : result.ok ? null : result.message);
    });
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => onToggle(!enabled))}
          className="rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-xs font-medium hover:bg-zinc-50 disabled:opacity-60"
        >
          {enabled ? "Disable" : "Enable"}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            if (window.confirm(`Delete ${name}? This cannot be undone.`)) run(onDelete);
          }}
          className={dangerButtonClass}
        >
          Delete
        </button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
