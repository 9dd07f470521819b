"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { dangerButtonClass } from "./form-styles";

// A row's destructive action (remove, revoke): asks first, says it is busy while the
// action runs, and shows a refusal beside the button.
export function ConfirmActionButton({
  idle,
  busy,
  label,
  question,
  run,
}: {
  idle: string;
  busy: string;
  label: string;
  question: string;
  run: () => Promise<ActionResult<unknown>>;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function act() {
    if (!window.confirm(question)) return;
    startTransition(async () => {
      const result = await run();
      setError(result.ok ? null : result.message);
    });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button type="button" onClick={act} disabled={pending} className={dangerButtonClass} aria-label={label}>
        {pending ? busy : idle}
      </button>
      {error ? (
        <p role="alert" className="max-w-48 text-right text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
