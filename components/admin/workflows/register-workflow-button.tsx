"use client";

import { useState, useTransition } from "react";
import { updateWorkflowAction } from "@/app/admin/workflows/actions";
import { primaryButtonClass } from "../form-styles";

// Accepts a workflow first seen at ingest into the catalogue as it is (default SLA);
// its details can be edited before or after.
export function RegisterWorkflowButton({ id, name }: { id: number; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function register() {
    startTransition(async () => {
      const result = await updateWorkflowAction({ id });
      setError(result.ok ? null : result.message);
    });
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={register}
        disabled={pending}
        className={primaryButtonClass}
        aria-label={`Register ${name}`}
      >
        {pending ? "Registering…" : "Register"}
      </button>
      {error ? (
        <p role="alert" className="max-w-48 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
